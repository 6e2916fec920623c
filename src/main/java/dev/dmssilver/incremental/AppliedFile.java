package dev.dmssilver.incremental;

import static java.util.Objects.requireNonNull;

/** A Bronze file an incremental job has applied, as it was listed when it was read. */
final class AppliedFile {
  final String source;
  final String path;
  final long sizeInBytes;
  final long modifiedAtMillis;

  AppliedFile(String source, String path, long sizeInBytes, long modifiedAtMillis) {
    this.source = requireNonNull(source, "source is null");
    this.path = requireNonNull(path, "path is null");
    this.sizeInBytes = sizeInBytes;
    this.modifiedAtMillis = modifiedAtMillis;
  }
}
