package com.serviceaccounts.security.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.method.PreAuthorizeAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.util.SimpleMethodInvocation;

class PolicyExpressionHandlerTest {

  static final UUID ACME = UUID.randomUUID();
  static final UUID GLOBEX = UUID.randomUUID();

  /** Grants a caller named after the company it asks for. */
  public static class Policy {
    public AuthorizationDecision canAct(Authentication caller, UUID companyId) {
      return new AuthorizationDecision(caller.getName().equals(companyId.toString()));
    }
  }

  static class Operations {
    @org.springframework.security.access.prepost.PreAuthorize(
        "@policy.canAct(authentication, #companyId)")
    public void act(UUID companyId, String name) {}
  }

  @Test
  void eachEvaluationReadsItsOwnCallerAndArgumentsThoughWhatItLooksUpIsKept() throws Exception {
    GenericApplicationContext context = new GenericApplicationContext();
    context.registerBean("policy", Policy.class);
    context.refresh();
    PolicyExpressionHandler handler = new PolicyExpressionHandler();
    handler.setApplicationContext(context);
    PreAuthorizeAuthorizationManager preAuthorize = new PreAuthorizeAuthorizationManager();
    preAuthorize.setExpressionHandler(handler);
    Method act = Operations.class.getMethod("act", UUID.class, String.class);

    List<Boolean> granted = new ArrayList<>();
    for (int round = 0; round < 3; round++) {
      for (UUID caller : List.of(ACME, GLOBEX)) {
        for (UUID company : List.of(ACME, GLOBEX)) {
          Authentication authentication = new TestingAuthenticationToken(caller.toString(), "");
          var invocation = new SimpleMethodInvocation(new Operations(), act, company, "n");
          granted.add(preAuthorize.authorize(() -> authentication, invocation).isGranted());
        }
      }
    }

    assertThat(granted)
        .containsExactly(
            true, false, false, true, true, false, false, true, true, false, false, true);
  }

  @Test
  void aMethodsParameterNamesAreReadOnce() throws Exception {
    List<Method> asked = new ArrayList<>();
    ParameterNameDiscoverer counting =
        new DefaultParameterNameDiscoverer() {
          @Override
          public String[] getParameterNames(Method method) {
            asked.add(method);
            return super.getParameterNames(method);
          }
        };
    var names = new PolicyExpressionHandler.NamesReadOnce(counting);
    Method act = Operations.class.getMethod("act", UUID.class, String.class);

    String[] first = names.getParameterNames(act);
    first[0] = "changed by a caller";

    assertThat(names.getParameterNames(act)).containsExactly("companyId", "name");
    assertThat(asked).containsExactly(act);
  }
}
