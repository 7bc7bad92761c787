package com.serviceaccounts.security.problems;

import com.serviceaccounts.contract.problem.ProblemCode;
import com.serviceaccounts.events.text.UntrustedText;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Every problem a controller or an exception handler answers, made safe to send whatever of the
 * client's input its texts repeat: each string in it (detail, title, and the strings of its
 * properties, such as the {@code errors} or {@code invalidParams} lists) is escaped and cut by
 * {@link UntrustedText}, so a problem has a bounded size and no control characters; its {@code
 * instance}, the request's path, is cut as well. A problem without a {@link ProblemCode} gets the
 * one of its status, and the type of its status if it has none.
 */
@RestControllerAdvice
public class ProblemEcho implements ResponseBodyAdvice<Object> {

  private static final URI ABOUT_BLANK = URI.create("about:blank");

  /** The most characters of a problem's {@code detail}. */
  static final int MAX_DETAIL_LENGTH = 500;

  /** A percent-escape cut short at the end of a text. */
  private static final Pattern PARTIAL_ESCAPE = Pattern.compile("%[0-9A-Fa-f]?$");

  /** The most entries of a list in a problem's properties. */
  static final int MAX_LIST_ENTRIES = 20;

  @Override
  public boolean supports(
      MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
    return true;
  }

  @Override
  public Object beforeBodyWrite(
      Object body,
      MethodParameter returnType,
      MediaType contentType,
      Class<? extends HttpMessageConverter<?>> converterType,
      ServerHttpRequest request,
      ServerHttpResponse response) {
    if (body instanceof ProblemDetail problem) {
      bound(problem);
    }
    return body;
  }

  static void bound(ProblemDetail problem) {
    if (problem.getProperties() == null
        || !problem.getProperties().containsKey(ProblemCode.MEMBER)) {
      // Spring's own answers to protocol errors (405, 415, ...) come without a code or a type.
      ProblemResponses.coded(problem, ProblemCode.forStatus(problem.getStatus()));
      if (problem.getType() == null || ABOUT_BLANK.equals(problem.getType())) {
        problem.setType(
            URI.create(
                ProblemResponses.TYPE_PREFIX + ProblemResponses.typeOfStatus(problem.getStatus())));
      }
    }
    if (problem.getDetail() != null) {
      problem.setDetail(UntrustedText.escape(problem.getDetail(), MAX_DETAIL_LENGTH));
    }
    if (problem.getTitle() != null) {
      problem.setTitle(UntrustedText.echo(problem.getTitle()));
    }
    if (problem.getInstance() != null) {
      problem.setInstance(bounded(problem.getInstance()));
    }
    Map<String, Object> properties = problem.getProperties();
    if (properties != null) {
      Map<String, Object> bounded = new LinkedHashMap<>();
      properties.forEach((name, value) -> bounded.put(name, bounded(value)));
      problem.setProperties(bounded);
    }
  }

  /**
   * {@code instance} cut to {@link UntrustedText#MAX_ECHOED_LENGTH} characters, an ellipsis marking
   * the cut; an escape the cut would split is left out with the rest.
   */
  static URI bounded(URI instance) {
    String text = instance.toString();
    if (text.length() <= UntrustedText.MAX_ECHOED_LENGTH) {
      return instance;
    }
    String cut =
        PARTIAL_ESCAPE
            .matcher(text.substring(0, UntrustedText.MAX_ECHOED_LENGTH - 1))
            .replaceAll("");
    return URI.create(cut + "…");
  }

  private static Object bounded(Object value) {
    if (value instanceof CharSequence text) {
      return UntrustedText.echo(text);
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> bounded = new LinkedHashMap<>();
      map.forEach((k, v) -> bounded.put(UntrustedText.echo(k), bounded(v)));
      return bounded;
    }
    if (value instanceof List<?> list) {
      return list.stream().limit(MAX_LIST_ENTRIES).map(ProblemEcho::bounded).toList();
    }
    return value;
  }
}
