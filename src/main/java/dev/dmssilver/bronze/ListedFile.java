package dev.dmssilver.bronze;

import static java.util.Objects.requireNonNull;

import org.apache.hadoop.fs.FileStatus;

/**
 * One Bronze file as a listing shows it, before any read: its path, size and modification time.
 * Together they tell whether a file is the one an earlier run applied (DMS never rewrites a CDC
 * file, so a changed size or time means someone did).
 */
public final class ListedFile {
  private final FileStatus status;

  ListedFile(FileStatus status) {
    this.status = requireNonNull(status, "status is null");
  }

  public String path() {
    return status.getPath().toString();
  }

  public String name() {
    return status.getPath().getName();
  }

  public long sizeInBytes() {
    return status.getLen();
  }

  /** Milliseconds since the epoch, as the file system or object store reports it. */
  public long modifiedAtMillis() {
    return status.getModificationTime();
  }

  public boolean isFullLoad() {
    return BronzeFile.isFullLoadName(name());
  }

  FileStatus status() {
    return status;
  }

  @Override
  public String toString() {
    return path();
  }
}
