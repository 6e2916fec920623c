package dev.dmssilver;

import static dev.dmssilver.SilverException.Kind.BRONZE_INPUT;
import static dev.dmssilver.SilverException.Kind.CONFIGURATION;
import static dev.dmssilver.SilverException.Kind.GATE;
import static dev.dmssilver.SilverException.Kind.INTERNAL;
import static dev.dmssilver.SilverException.Kind.UNAVAILABLE;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.util.Arrays;
import java.util.Collections;
import org.junit.jupiter.api.Test;

class SilverExceptionTest {
  @Test
  void aFailureKeepsItsKindWhenSparkWrapsIt() {
    SilverException corrupt = new SilverException(BRONZE_INPUT, "Cannot read Bronze table x");
    RuntimeException wrapped = new RuntimeException("Job aborted", new IOException(corrupt));

    assertThat(SilverException.Kind.of(wrapped)).isEqualTo(BRONZE_INPUT);
    assertThat(SilverException.Kind.of(corrupt).exitCode()).isEqualTo(2);
  }

  @Test
  void aRefusedConnectionUnderneathIsUnavailableAndAnythingElseIsInternal() {
    RuntimeException refused =
        new UncheckedIOException(new IOException("S3", new ConnectException("refused")));

    assertThat(SilverException.Kind.of(refused)).isEqualTo(UNAVAILABLE);
    assertThat(UNAVAILABLE.exitCode()).isEqualTo(4);
    assertThat(SilverException.Kind.of(new NullPointerException())).isEqualTo(INTERNAL);
    assertThat(INTERNAL.exitCode()).isEqualTo(1);
    assertThat(GATE.exitCode()).isEqualTo(3);
    assertThat(SilverException.Kind.unreachableOr(CONFIGURATION, refused)).isEqualTo(UNAVAILABLE);
    assertThat(SilverException.Kind.unreachableOr(CONFIGURATION, new IOException("403")))
        .isEqualTo(CONFIGURATION);
  }

  @Test
  void aRunWithSeveralFailuresExitsWithTheMostUrgent() {
    assertThat(SilverException.exitCode(Collections.emptyList())).isZero();
    assertThat(SilverException.exitCode(Arrays.asList(GATE, UNAVAILABLE))).isEqualTo(4);
    assertThat(SilverException.exitCode(Arrays.asList(GATE, UNAVAILABLE, BRONZE_INPUT)))
        .isEqualTo(2);
    assertThat(SilverException.exitCode(Arrays.asList(GATE, INTERNAL, BRONZE_INPUT))).isEqualTo(1);
    assertThat(SilverException.exitCode(Collections.singletonList(GATE))).isEqualTo(3);
  }

  @Test
  void everyExitCodeHasTheMeaningTheDocsGive() {
    assertThat(SilverException.exitCodeMeaning(2)).isEqualTo("bad input or settings");
    assertThat(SilverException.exitCodeMeaning(4)).isEqualTo("source or storage unavailable");
    assertThat(BRONZE_INPUT.label()).isEqualTo("bronze_input");
  }

  @Test
  void aPermissionTheRoleLacksIsBadSettingsAndItsMessageNamesTheActionAndResource() {
    String denied =
        "User: arn:aws:sts::123456789012:assumed-role/dms-silver-prod-glue-jobs/GlueJobRunnerSession"
            + " is not authorized to perform: glue:UpdateTable on resource:"
            + " arn:aws:glue:eu-west-1:123456789012:table/silver/fact_orders";
    RuntimeException failure =
        new RuntimeException(
            "Commit failed",
            software.amazon.awssdk.services.glue.model.AccessDeniedException.builder()
                .message(denied)
                .statusCode(400)
                .awsErrorDetails(
                    software.amazon.awssdk.awscore.exception.AwsErrorDetails.builder()
                        .errorCode("AccessDeniedException")
                        .errorMessage(denied)
                        .build())
                .build());

    assertThat(SilverException.Kind.of(failure)).isEqualTo(CONFIGURATION);
    assertThat(SilverException.accessDenied(failure)).isPresent();
    assertThat(dev.dmssilver.report.RunSummary.describe(failure))
        .startsWith("access denied: ")
        .contains("glue:UpdateTable")
        .contains("arn:aws:glue:eu-west-1:123456789012:table/silver/fact_orders")
        .endsWith("grant the job role that action on that resource (infra/iam.tf)");
    assertThat(SilverException.accessDenied(new IOException("disk full"))).isEmpty();
  }
}
