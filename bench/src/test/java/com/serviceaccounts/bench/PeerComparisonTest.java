package com.serviceaccounts.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PeerComparisonTest {

  private static String part(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theAlgorithmIsReadFromTheAccessTokensHeader() throws Exception {
    String token = part("{\"alg\":\"ES256\",\"kid\":\"k1\"}") + "." + part("{}") + ".c2ln";

    assertThat(
            PeerComparison.signedWith(
                new Http.Reply(200, "{\"access_token\":\"" + token + "\"}", null, null)))
        .isEqualTo("ES256");
  }

  @Test
  void aRefusedRequestSaysSo() throws Exception {
    assertThat(PeerComparison.signedWith(new Http.Reply(401, "", null, null)))
        .isEqualTo("none: the token endpoint answered 401");
  }
}
