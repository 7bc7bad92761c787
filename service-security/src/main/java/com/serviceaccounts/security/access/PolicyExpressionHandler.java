package com.serviceaccounts.security.access;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.expression.EvaluationContext;
import org.springframework.expression.PropertyAccessor;
import org.springframework.expression.spel.support.ReflectivePropertyAccessor;
import org.springframework.expression.spel.support.StandardEvaluationContext;
import org.springframework.security.access.expression.method.DefaultMethodSecurityExpressionHandler;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.parameters.DefaultSecurityParameterNameDiscoverer;

/**
 * Spring Security's method-security expressions ({@code @PreAuthorize("@companyAccess
 * .canAdminister(authentication, #companyId)")}), evaluated as Spring Security evaluates them, with
 * what each evaluation looks up kept for the next: a profile of command-service under an edit load
 * put 6–10 % of its samples in evaluating them, most in two lookups Spring repeats per request (see
 * BENCHMARKS.md). Each evaluation gets a new context whose property accessor starts with empty
 * caches, so {@code authentication} was looked up on the root object's class by reflection every
 * time; and the operation's parameter names, for {@code #companyId}, were read from its method's
 * annotations and then its class file every time. Here one accessor serves every evaluation, and
 * each method's names are read once.
 */
class PolicyExpressionHandler extends DefaultMethodSecurityExpressionHandler {

  /** Thread-safe: its caches are concurrent maps keyed by class and property name. */
  private static final List<PropertyAccessor> ROOT_PROPERTIES =
      List.of(new ReflectivePropertyAccessor());

  PolicyExpressionHandler() {
    setParameterNameDiscoverer(new NamesReadOnce(new DefaultSecurityParameterNameDiscoverer()));
  }

  @Override
  public EvaluationContext createEvaluationContext(
      Supplier<? extends Authentication> authentication, MethodInvocation invocation) {
    EvaluationContext context = super.createEvaluationContext(authentication, invocation);
    if (context instanceof StandardEvaluationContext standard) {
      standard.setPropertyAccessors(ROOT_PROPERTIES);
    }
    return context;
  }

  /** Each method's parameter names, as the delegate reads them, read once. */
  static final class NamesReadOnce implements ParameterNameDiscoverer {

    private final ParameterNameDiscoverer delegate;
    private final Map<Method, Optional<String[]>> methods = new ConcurrentHashMap<>();

    NamesReadOnce(ParameterNameDiscoverer delegate) {
      this.delegate = delegate;
    }

    @Override
    public String[] getParameterNames(Method method) {
      return methods
          .computeIfAbsent(method, key -> Optional.ofNullable(delegate.getParameterNames(key)))
          .map(String[]::clone)
          .orElse(null);
    }

    @Override
    public String[] getParameterNames(Constructor<?> constructor) {
      return delegate.getParameterNames(constructor);
    }
  }
}
