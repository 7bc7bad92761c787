package com.serviceaccounts.ui.errors;

import com.serviceaccounts.tomcat.RefusalReportValve;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
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
 * layout, naming what was refused when Tomcat says. Errors of the application still get the UI's
 * error page.
 */
final class PageErrorReportValve extends RefusalReportValve {

  /** A refusal page's stylesheet, icons and links are the UI's own; it has no form. */
  static final String POLICY =
      "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'none';"
          + " base-uri 'self'; object-src 'none'";

  /** How many pages naming a refusal are kept: Tomcat's reasons are a handful of texts. */
  private static final int KEPT = 32;

  private final Function<String, String> render;
  private final String page;
  private final Map<String, String> named = new ConcurrentHashMap<>();

  private PageErrorReportValve(Function<String, String> render, String page) {
    this.render = render;
    this.page = page;
  }

  @Override
  protected String contentType() {
    return "text/html";
  }

  @Override
  protected String body(int status, String message) {
    if (message == null || message.isBlank()) {
      return page;
    }
    String reason = message.length() > 200 ? message.substring(0, 200) + "…" : message;
    String kept = named.get(reason);
    if (kept != null) {
      return kept;
    }
    String rendered = render.apply(reason);
    if (named.size() < KEPT) {
      named.put(reason, rendered);
    }
    return rendered;
  }

  @Override
  protected String contentSecurityPolicy() {
    return POLICY;
  }

  @Configuration(proxyBeanMethods = false)
  static class Installation {

    /**
     * The page is rendered here at start-up, and once for each reason Tomcat names: a refused
     * request may be unreadable, so nothing of it (session, sign-in, CSRF token) goes into the
     * page, and a template that does not render stops the UI from starting.
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
      Function<String, String> render =
          reason ->
              engine.process(
                  "refused-request",
                  new Context(
                      Locale.ENGLISH, reason == null ? Map.of() : Map.of("reason", reason)));
      String page = render.apply(null);
      return new RefusalReportValve.Installer(() -> new PageErrorReportValve(render, page));
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
