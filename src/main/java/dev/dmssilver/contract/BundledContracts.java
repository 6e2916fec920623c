package dev.dmssilver.contract;

import dev.dmssilver.SilverException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Lists the contract files the build copied from {@code jobs/} into the classpath, whether the
 * classpath entry is a folder (bin/silver, tests) or a jar (AWS Glue).
 */
final class BundledContracts {
  static final String FOLDER = "dev/dmssilver/contracts/";

  private BundledContracts() {}

  static List<String> fileNames() {
    URL folder = BundledContracts.class.getClassLoader().getResource(FOLDER);
    if (folder == null) {
      throw new SilverException(
          SilverException.Kind.CONFIGURATION,
          "Cannot load bundled contracts: " + FOLDER + " is not on the classpath");
    }
    try {
      List<String> names =
          "jar".equals(folder.getProtocol()) ? namesInJar(folder) : namesInFolder(folder);
      Collections.sort(names);
      return names;
    } catch (IOException | URISyntaxException e) {
      throw new SilverException(
          SilverException.Kind.CONFIGURATION, "Cannot list bundled contracts at " + folder, e);
    }
  }

  static InputStream open(String fileName) throws IOException {
    InputStream input =
        BundledContracts.class.getClassLoader().getResourceAsStream(FOLDER + fileName);
    if (input == null) {
      throw new IOException("missing resource " + FOLDER + fileName);
    }
    return input;
  }

  private static List<String> namesInFolder(URL folder) throws URISyntaxException {
    List<String> names = new ArrayList<>();
    File[] files = new File(folder.toURI()).listFiles((dir, name) -> name.endsWith(".yaml"));
    if (files != null) {
      for (File file : files) {
        names.add(file.getName());
      }
    }
    return names;
  }

  private static List<String> namesInJar(URL folder) throws IOException {
    List<String> names = new ArrayList<>();
    JarURLConnection connection = (JarURLConnection) folder.openConnection();
    connection.setUseCaches(false);
    try (JarFile jar = connection.getJarFile()) {
      Enumeration<JarEntry> entries = jar.entries();
      while (entries.hasMoreElements()) {
        String name = entries.nextElement().getName();
        if (name.startsWith(FOLDER) && name.endsWith(".yaml")) {
          String fileName = name.substring(FOLDER.length());
          if (!fileName.contains("/")) {
            names.add(fileName);
          }
        }
      }
    }
    return names;
  }
}
