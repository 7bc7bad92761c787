package com.serviceaccounts.contract.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ProblemCodeTest {

  @Test
  void everyCodeIsLowerCaseWordsJoinedByHyphensAndNamesOneConstant() {
    for (ProblemCode code : ProblemCode.values()) {
      assertThat(code.code()).matches("[a-z]+(-[a-z]+)*");
      assertThat(ProblemCode.of(code.code())).contains(code);
    }
    assertThat(Arrays.stream(ProblemCode.values()).map(ProblemCode::code).distinct())
        .hasSize(ProblemCode.values().length);
  }

  @Test
  void aCodeTheCatalogueDoesNotHoldIsNone() {
    assertThat(ProblemCode.of("no-such-code")).isEmpty();
    assertThat(ProblemCode.of(null)).isEmpty();
  }

  @Test
  void aProblemWithoutACodeOfItsOwnGetsOneByItsStatus() {
    assertThat(ProblemCode.forStatus(404)).isEqualTo(ProblemCode.PATH_NOT_FOUND);
    assertThat(ProblemCode.forStatus(405)).isEqualTo(ProblemCode.REQUEST_REFUSED);
    assertThat(ProblemCode.forStatus(502)).isEqualTo(ProblemCode.SERVER_ERROR);
  }
}
