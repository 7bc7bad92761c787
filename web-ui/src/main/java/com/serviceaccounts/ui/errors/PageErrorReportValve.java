package com.serviceaccounts.ui.errors;

import com.serviceaccounts.tomcat.RefusalReportValve;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.thymeleaf.context.Context;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.dialect.IDialect;
import org.thymeleaf.linkbuilder.StandardLinkBuilder;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templateresolver.ITemplateResolver;

/**
 * Tomcat's own refusals (a control character in a header, an encoded {@code /} in the path, a
 * header too large) as the UI's page for them, {@code templates/refused-request.html} in the UI's
 * layout. Errors of the application still get the UI's error page.
 */
final class PageErrorReportValve extends RefusalReportValve {

  private final String page;

  private PageErrorReportValve(String page) {
    this.page = page;
  }

  @Override
  protected String contentType() {
    return "text/html";
  }

  @Override
  protected String body(int status, String message) {
    return page;
  }

  /** The page's stylesheet, icons and links are the UI's own; it has no form. */
  @Override
  protected String contentSecurityPolicy() {
    return "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'none';"
        + " base-uri 'self'; object-src 'none'";
  }

  @Configuration(proxyBeanMethods = false)
  static class Installation {

    /**
     * The page is rendered once, here at start-up: a refused request may be unreadable, so nothing
     * of it (session, sign-in, CSRF token) goes into the page, and a template that does not render
     * stops the UI from starting.
     */
    @Bean
    RefusalReportValve.Installer pageErrorReportValve(
        ObjectProvider<ITemplateResolver> templateResolvers,
        ObjectProvider<IDialect> dialects,
        MessageSource messages,
        ServerProperties server) {
      // The UI's templates, dialects and texts, as in the pages' engine. Only the links differ:
      // made without a response, they carry no webjar version, which the resource chain resolves.
      SpringTemplateEngine engine = new SpringTemplateEngine();
      templateResolvers.orderedStream().forEach(engine::addTemplateResolver);
      dialects.orderedStream().forEach(engine::addDialect);
      engine.setMessageSource(messages);
      String contextPath = server.getServlet().getContextPath();
      engine.setLinkBuilder(new ApplicationLinks(contextPath == null ? "" : contextPath));
      // The UI's one language, the one layout.html declares.
      String page = engine.process("refused-request", new Context(Locale.ENGLISH));
      return new RefusalReportValve.Installer(() -> new PageErrorReportValve(page));
    }
  }

  /**
   * Context-relative links ({@code @{/...}}) outside a request, by the hook Thymeleaf offers for
   * them: the context path is the application's, and no session id is added to a link.
   */
  private static final class ApplicationLinks extends StandardLinkBuilder {

    private final String contextPath;

    ApplicationLinks(String contextPath) {
      this.contextPath = contextPath;
    }

    @Override
    protected String computeContextPath(
        IExpressionContext context, String base, Map<String, Object> parameters) {
      return contextPath;
    }
  }
}
