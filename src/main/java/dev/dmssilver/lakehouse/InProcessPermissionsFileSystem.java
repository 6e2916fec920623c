package dev.dmssilver.lakehouse;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.Map;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.io.nativeio.NativeIO;

/**
 * Hadoop's local file system ({@code file:}), with one change: it sets permissions in this process.
 * Without Hadoop's native library, which we do not ship, {@link RawLocalFileSystem} sets the
 * permissions of every file and folder it creates by starting a {@code chmod} process: about 9 ms
 * each on this project's 2-core machine, and a job on a local warehouse creates dozens (data files,
 * their {@code .crc} side files, manifests, manifest lists, metadata). {@code java.nio} makes the
 * same {@code chmod(2)} call without a process. Everything else, including the checksums, is
 * Hadoop's own.
 */
public final class InProcessPermissionsFileSystem extends LocalFileSystem {
  /** The Hadoop property that picks the file system for {@code file:} paths. */
  public static final String HADOOP_PROPERTY = "fs.file.impl";

  public InProcessPermissionsFileSystem() {
    super(new RawWithInProcessPermissions());
  }

  /** The Hadoop properties that select this file system for {@code file:} paths. */
  public static Map<String, String> hadoopProperties() {
    return Collections.singletonMap(
        HADOOP_PROPERTY, InProcessPermissionsFileSystem.class.getName());
  }

  static final class RawWithInProcessPermissions extends RawLocalFileSystem {
    private static final boolean POSIX =
        FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    @Override
    public void setPermission(Path path, FsPermission permission) throws IOException {
      // The sticky bit has no java.nio name; Windows has no POSIX permissions: Hadoop's own way.
      if (NativeIO.isAvailable() || permission.getStickyBit() || !POSIX) {
        super.setPermission(path, permission);
        return;
      }
      Files.setPosixFilePermissions(
          pathToFile(path).toPath(), PosixFilePermissions.fromString(permission.toString()));
    }
  }
}
