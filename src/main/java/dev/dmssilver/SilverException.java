package dev.dmssilver;

import static java.util.Objects.requireNonNull;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * The one exception type the jobs throw on purpose. Its message says what could not be done and
 * why, and its {@link Kind} tells callers (exit codes, run summaries, the failure metric) what to
 * do next without parsing text.
 */
public final class SilverException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Exit code of a command that did everything it was asked. */
  public static final int EXIT_OK = 0;

  /** Exit code of a bug or an unexpected failure: report it, with the step log. */
  public static final int EXIT_INTERNAL = 1;

  /** Exit code of bad options, settings, contracts or Bronze files: fix them, then run again. */
  public static final int EXIT_BAD_INPUT = 2;

  /** Exit code when the publish gate held a job back: Silver is unchanged, look at the data. */
  public static final int EXIT_GATE_HELD = 3;

  /** Exit code when a source, store or catalog cannot be reached, or is busy: try again later. */
  public static final int EXIT_UNAVAILABLE = 4;

  /** What kind of thing went wrong, and so which exit code it earns. */
  public enum Kind {
    /** A contract file is malformed or refers to something that does not exist. */
    CONTRACT(EXIT_BAD_INPUT),
    /** An option or setting is missing, contradictory or malformed, or a permission is missing. */
    CONFIGURATION(EXIT_BAD_INPUT),
    /** Bronze files are missing, unreadable, or of a shape the contract cannot accept. */
    BRONZE_INPUT(EXIT_BAD_INPUT),
    /** The Silver tables do not match their contract, or the catalog refused an operation. */
    LAKEHOUSE(EXIT_BAD_INPUT),
    /** A catalog, object store, source database or endpoint cannot be reached. */
    UNAVAILABLE(EXIT_UNAVAILABLE),
    /** Another run changed the same table while this one ran; this run changed nothing. */
    CONFLICT(EXIT_UNAVAILABLE),
    /** The run broke a publish-gate threshold, so Silver was left as it was. */
    GATE(EXIT_GATE_HELD),
    /** The run's own bookkeeping disagrees with what it wrote: a bug, never bad data. */
    INVARIANT(EXIT_INTERNAL),
    /** Anything nobody planned for: a bug until shown otherwise. */
    INTERNAL(EXIT_INTERNAL);

    private final int exitCode;

    Kind(int exitCode) {
      this.exitCode = exitCode;
    }

    /** The documented exit code of a command that failed this way. */
    public int exitCode() {
      return exitCode;
    }

    /** The name in run summaries and on the failure metric's Kind dimension: bronze_input. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The kind of any failure: a SilverException's own (also when wrapped, as Spark wraps what a
     * task throws), CONFIGURATION when AWS refused access (a permission the role lacks),
     * UNAVAILABLE when the network failed underneath, else INTERNAL.
     */
    public static Kind of(Throwable failure) {
      for (Throwable cause : Causes.chain(failure)) {
        if (cause instanceof SilverException) {
          return ((SilverException) cause).kind();
        }
      }
      if (accessDenied(failure).isPresent()) {
        return CONFIGURATION;
      }
      for (Throwable cause : Causes.chain(failure)) {
        if (cause instanceof ConnectException
            || cause instanceof NoRouteToHostException
            || cause instanceof UnknownHostException
            || cause instanceof SocketTimeoutException) {
          return UNAVAILABLE;
        }
      }
      return INTERNAL;
    }

    /** UNAVAILABLE when the network failed underneath {@code failure}, else {@code otherwise}. */
    public static Kind unreachableOr(Kind otherwise, Throwable failure) {
      return of(failure) == UNAVAILABLE ? UNAVAILABLE : otherwise;
    }
  }

  /** The order in which a run with several failed jobs picks its exit code: the most urgent. */
  private static final int[] EXIT_PRECEDENCE = {
    EXIT_INTERNAL, EXIT_BAD_INPUT, EXIT_UNAVAILABLE, EXIT_GATE_HELD
  };

  private final Kind kind;

  /**
   * The cause that says AWS refused access, if one does: an SDK error with status 403 or an
   * AccessDenied code (Glue answers 400 AccessDeniedException), or S3A's AccessDeniedException.
   * AWS's message names the action and the resource: "... is not authorized to perform:
   * glue:UpdateTable on resource: arn:aws:glue:...".
   */
  public static Optional<Throwable> accessDenied(Throwable failure) {
    for (Throwable cause : Causes.chain(failure)) {
      if (cause instanceof java.nio.file.AccessDeniedException) {
        return Optional.of(cause);
      }
      if (cause instanceof AwsServiceException) {
        AwsServiceException aws = (AwsServiceException) cause;
        String code = aws.awsErrorDetails() == null ? "" : aws.awsErrorDetails().errorCode();
        if (aws.statusCode() == 403 || String.valueOf(code).startsWith("AccessDenied")) {
          return Optional.of(cause);
        }
      }
    }
    return Optional.empty();
  }

  public SilverException(Kind kind, String message) {
    super(message);
    this.kind = requireNonNull(kind, "kind is null");
  }

  public SilverException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = requireNonNull(kind, "kind is null");
  }

  public Kind kind() {
    return kind;
  }

  /**
   * The exit code of a run whose jobs failed in these ways ({@link #EXIT_OK} if none did): a bug
   * first, then bad input, then something unavailable, then a held gate.
   */
  public static int exitCode(Iterable<Kind> failures) {
    int worst = EXIT_OK;
    for (Kind failure : failures) {
      if (rank(failure.exitCode()) < rank(worst)) {
        worst = failure.exitCode();
      }
    }
    return worst;
  }

  /** What an exit code means, in the words of docs/command-line.md. */
  public static String exitCodeMeaning(int exitCode) {
    switch (exitCode) {
      case EXIT_OK:
        return "done";
      case EXIT_INTERNAL:
        return "internal error";
      case EXIT_BAD_INPUT:
        return "bad input or settings";
      case EXIT_GATE_HELD:
        return "publish gate held";
      case EXIT_UNAVAILABLE:
        return "source or storage unavailable";
      default:
        return "unknown exit code";
    }
  }

  private static int rank(int exitCode) {
    for (int i = 0; i < EXIT_PRECEDENCE.length; i++) {
      if (EXIT_PRECEDENCE[i] == exitCode) {
        return i;
      }
    }
    return EXIT_PRECEDENCE.length;
  }
}
