package com.serviceaccounts.security.problems;

import com.serviceaccounts.security.access.ResourceServerAutoConfiguration;
import com.serviceaccounts.tomcat.RefusalReportValve;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * Tomcat's own refusals (before Spring sees the request) as problem+json, like every other refusal.
 * On its own, apart from {@link ResourceServerAutoConfiguration}, so that a service that is not a
 * resource server (token-service) answers them the same way.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "org.apache.catalina.valves.ErrorReportValve")
public class TomcatProblemsAutoConfiguration {

  @Bean
  RefusalReportValve.Installer problemErrorReportValve() {
    return new RefusalReportValve.Installer(ProblemErrorReportValve::new);
  }
}
