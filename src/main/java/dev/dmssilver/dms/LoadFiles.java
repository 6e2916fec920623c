package dev.dmssilver.dms;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** A table folder's full-load files, which DMS numbers in hexadecimal: LOAD00000001.parquet. */
final class LoadFiles {
  private LoadFiles() {}

  /** The name of LOAD file {@code number}. */
  static String name(int number) {
    return String.format(Locale.ROOT, "LOAD%08X.parquet", number);
  }

  /** The LOAD files in {@code tableFolder} by number; none if the folder does not exist. */
  static Map<Integer, Path> numbered(Configuration conf, String tableFolder) {
    Path folder = new Path(tableFolder);
    Map<Integer, Path> numbers = new TreeMap<>();
    try {
      FileSystem fileSystem = folder.getFileSystem(conf);
      if (!fileSystem.exists(folder)) {
        return numbers;
      }
      for (FileStatus file : fileSystem.listStatus(folder)) {
        String name = file.getPath().getName();
        if (name.matches("LOAD[0-9A-F]{8}\\.parquet")) {
          numbers.put(Integer.parseInt(name.substring(4, 12), 16), file.getPath());
        }
      }
      return numbers;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + folder, e);
    }
  }

  /** Deletes the LOAD files numbered from {@code firstStale} on. */
  static void removeFrom(Configuration conf, String tableFolder, int firstStale) {
    try {
      for (Map.Entry<Integer, Path> file : numbered(conf, tableFolder).entrySet()) {
        if (file.getKey() >= firstStale) {
          file.getValue().getFileSystem(conf).delete(file.getValue(), false);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot remove old LOAD files in " + tableFolder, e);
    }
  }
}
