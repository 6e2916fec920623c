package dev.dmssilver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class CausesTest {
  @Test
  void theChainRunsFromTheFailureToItsRootCause() {
    IOException root = new IOException("disk full");
    RuntimeException failure =
        new RuntimeException("write failed", new IllegalStateException(root));

    assertThat(Causes.chain(failure)).hasSize(3).startsWith(failure).endsWith(root);
    assertThat(Causes.root(failure)).isSameAs(root);
    assertThat(Causes.root(root)).isSameAs(root);
  }

  @Test
  void aCauseThatLoopsBackEndsTheChain() {
    RuntimeException first = new RuntimeException("first");
    RuntimeException second = new RuntimeException("second", first);
    first.initCause(second);

    assertThat(Causes.chain(first)).containsExactly(first, second);
    assertThat(Causes.root(first)).isSameAs(second);
  }
}
