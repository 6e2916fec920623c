package dev.dmssilver.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Assumptions;

/**
 * Files written by AWS DMS itself. They live outside the repository (no binaries in it), in the
 * shared fixtures folder beside the checkout, or wherever -Ddms.fixtures points. A test that needs
 * one and cannot find it is reported as aborted with the places it looked, never silently passed.
 */
public final class GenuineDmsFixtures {
  private GenuineDmsFixtures() {}

  public static Path file(String relativePath) {
    String configured = System.getProperty("dms.fixtures");
    Path folder =
        configured != null
            ? Paths.get(configured)
            : Paths.get(System.getProperty("user.dir"), "..", "shared", "fixtures", "dms-genuine");
    Path file = folder.resolve(relativePath).normalize();
    Assumptions.assumeTrue(
        Files.isRegularFile(file),
        "Genuine DMS fixture not found at "
            + file
            + "; set -Ddms.fixtures to the dms-genuine folder");
    return file;
  }
}
