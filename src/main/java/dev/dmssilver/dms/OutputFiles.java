package dev.dmssilver.dms;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.parquet.io.DelegatingPositionOutputStream;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * Opens Parquet output files under one root. Local paths are written with plain Java I/O: Hadoop's
 * local file system would write .crc side files (DMS never does) and, without its native library,
 * fork a chmod process for every file. Other schemes (s3a://) go through one Hadoop file system.
 */
public final class OutputFiles {
  private static final int BUFFER_BYTES = 256 * 1024;

  private final FileSystem fileSystem;

  private OutputFiles(FileSystem fileSystem) {
    this.fileSystem = fileSystem;
  }

  public static OutputFiles forRoot(Configuration conf, String root) {
    if (isLocal(root)) {
      return new OutputFiles(null);
    }
    try {
      return new OutputFiles(new org.apache.hadoop.fs.Path(root).getFileSystem(conf));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open a file system for " + root, e);
    }
  }

  public OutputFile open(String path) {
    if (fileSystem == null) {
      return new LocalFile(Paths.get(path.startsWith("file:") ? path.substring(5) : path));
    }
    return new HadoopFile(fileSystem, new org.apache.hadoop.fs.Path(path));
  }

  private static boolean isLocal(String path) {
    return path.startsWith("file:") || !path.contains("://");
  }

  private static final class LocalFile implements OutputFile {
    private final Path path;

    LocalFile(Path path) {
      this.path = path;
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) throws IOException {
      return open(StandardOpenOption.CREATE_NEW);
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
      return open(StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    private PositionOutputStream open(StandardOpenOption... options) throws IOException {
      Path parent = path.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      CountingOutputStream counting =
          new CountingOutputStream(
              new BufferedOutputStream(Files.newOutputStream(path, options), BUFFER_BYTES));
      return new DelegatingPositionOutputStream(counting) {
        @Override
        public long getPos() {
          return counting.count;
        }
      };
    }

    @Override
    public boolean supportsBlockSize() {
      return false;
    }

    @Override
    public long defaultBlockSize() {
      return 0;
    }
  }

  /** Counts every byte written, however it is written: Parquet's footer offsets depend on it. */
  private static final class CountingOutputStream extends FilterOutputStream {
    private long count;

    CountingOutputStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }
  }

  private static final class HadoopFile implements OutputFile {
    private final FileSystem fileSystem;
    private final org.apache.hadoop.fs.Path path;

    HadoopFile(FileSystem fileSystem, org.apache.hadoop.fs.Path path) {
      this.fileSystem = fileSystem;
      this.path = path;
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) throws IOException {
      return wrap(fileSystem.create(path, false));
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
      return wrap(fileSystem.create(path, true));
    }

    private static PositionOutputStream wrap(FSDataOutputStream stream) {
      return new DelegatingPositionOutputStream(stream) {
        @Override
        public long getPos() throws IOException {
          return stream.getPos();
        }
      };
    }

    @Override
    public boolean supportsBlockSize() {
      return false;
    }

    @Override
    public long defaultBlockSize() {
      return 0;
    }
  }
}
