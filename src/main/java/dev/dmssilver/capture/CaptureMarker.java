package dev.dmssilver.capture;

import static java.util.Objects.requireNonNull;

import dev.dmssilver.SilverException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A small file beside the schema folders, {@code _dms_silver_capture_<slot>}, written once a full
 * load through the slot is complete. Without it, a slot and a half-written full load would look
 * like a finished one. The jobs never read it: Bronze readers skip names that start with an
 * underscore, and it sits above the table folders.
 */
final class CaptureMarker {
  private final Configuration conf;
  private final Path path;
  private final Path root;

  CaptureMarker(Configuration conf, String bronzeRoot, String slot) {
    this.conf = requireNonNull(conf, "conf is null");
    this.root = new Path(bronzeRoot);
    this.path = new Path(bronzeRoot, "_dms_silver_capture_" + slot);
  }

  /** Fails now, before any work, if Bronze cannot be written. */
  void checkWritable() {
    Path probe = new Path(root, "_dms_silver_probe_" + System.nanoTime());
    try {
      FileSystem fileSystem = probe.getFileSystem(conf);
      FileSystem writer =
          fileSystem instanceof LocalFileSystem
              ? ((LocalFileSystem) fileSystem).getRawFileSystem()
              : fileSystem;
      try (OutputStream out = writer.create(probe, true)) {
        out.write('.');
      }
      fileSystem.delete(probe, false);
    } catch (IOException | RuntimeException e) {
      throw new SilverException(
          SilverException.Kind.CONFIGURATION,
          "Cannot capture: cannot write to " + root + ": " + e.getMessage(),
          e);
    }
  }

  boolean exists() {
    try {
      return path.getFileSystem(conf).exists(path);
    } catch (IOException e) {
      throw failed("read", e);
    }
  }

  void write() {
    FileSystem fileSystem;
    try {
      fileSystem = path.getFileSystem(conf);
    } catch (IOException e) {
      throw failed("write", e);
    }
    // No .crc side file beside it on a local disk: DMS's folders hold only its own files.
    try (OutputStream out =
        fileSystem instanceof LocalFileSystem
            ? ((LocalFileSystem) fileSystem).getRawFileSystem().create(path, true)
            : fileSystem.create(path, true)) {
      out.write(("full load completed " + Instant.now() + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw failed("write", e);
    }
  }

  void delete() {
    try {
      path.getFileSystem(conf).delete(path, false);
    } catch (IOException e) {
      throw failed("delete", e);
    }
  }

  private SilverException failed(String verb, IOException e) {
    return new SilverException(
        SilverException.Kind.CONFIGURATION,
        "Cannot " + verb + " " + path + ": " + e.getMessage(),
        e);
  }
}
