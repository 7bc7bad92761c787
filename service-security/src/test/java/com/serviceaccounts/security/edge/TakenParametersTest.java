package com.serviceaccounts.security.edge;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.DispatcherType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;

class TakenParametersTest {

  /** Endpoints as the services write them. */
  static class Endpoints {
    String entries(
        @RequestParam(required = false) String accountId,
        @RequestParam(name = "limit", defaultValue = "50") int max,
        @RequestParam(required = false) List<String> type) {
      return "";
    }

    String anything(@RequestParam Map<String, String> parameters) {
      return "";
    }
  }

  private final TakenParameters taken = new TakenParameters();

  private static HandlerMethod endpoint(String name) throws Exception {
    for (var method : Endpoints.class.getDeclaredMethods()) {
      if (method.getName().equals(name)) {
        return new HandlerMethod(new Endpoints(), method);
      }
    }
    throw new AssertionError(name);
  }

  private static MockHttpServletRequest request(String... parameters) {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/x");
    for (int i = 0; i < parameters.length; i += 2) {
      request.addParameter(parameters[i], parameters[i + 1]);
    }
    return request;
  }

  @Test
  void aParameterTheEndpointDoesNotTakeIsRefusedNamingIt() throws Exception {
    ParameterDefect defect =
        taken.notTaken(request("accountId", "a", "actor", "user:a"), endpoint("entries"));

    assertThat(defect).isEqualTo(new ParameterDefect("actor", "is not taken by this endpoint"));
  }

  @Test
  void theParametersItTakesPassUnderTheirDeclaredNames() throws Exception {
    assertThat(
            taken.notTaken(
                request("accountId", "a", "limit", "5", "type", "x", "type", "y"),
                endpoint("entries")))
        .isNull();
    assertThat(taken.notTaken(request("max", "5"), endpoint("entries")))
        .as("the Java name of a renamed parameter is not its name")
        .isNotNull();
  }

  @Test
  void anEndpointThatTakesEveryParameterTakesAnyAndAnErrorDispatchIsNotChecked() throws Exception {
    assertThat(taken.notTaken(request("whatever", "1"), endpoint("anything"))).isNull();
    MockHttpServletRequest error = request("actor", "user:a");
    error.setDispatcherType(DispatcherType.ERROR);
    assertThat(taken.notTaken(error, endpoint("entries"))).isNull();
  }
}
