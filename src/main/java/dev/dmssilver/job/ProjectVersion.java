package dev.dmssilver.job;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of this build, recorded on every snapshot a run commits. */
public final class ProjectVersion {
  private static final String VERSION = load();

  private ProjectVersion() {}

  public static String get() {
    return VERSION;
  }

  private static String load() {
    try (InputStream input =
        ProjectVersion.class.getResourceAsStream("/dev/dmssilver/version.properties")) {
      if (input == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(input);
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
