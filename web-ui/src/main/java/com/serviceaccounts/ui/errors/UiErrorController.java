package com.serviceaccounts.ui.errors;

import com.serviceaccounts.contract.problem.ProblemCode;
import com.serviceaccounts.security.edge.ParameterDefect;
import com.serviceaccounts.security.problems.ProblemErrorController;
import com.serviceaccounts.security.problems.ProblemResponses;
import com.serviceaccounts.tomcat.RefusalReportValve;
import com.serviceaccounts.ui.signin.SessionLimits;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.ModelAndView;

/**
 * The UI's error page ({@code templates/error.html}) for a browser, and for any other client (a
 * script that posts a form, say) the services' problem+json instead of Spring Boot's plain JSON:
 * the same status either way, and nothing of the failure's cause; when sign-ins are full ({@link
 * SessionLimits}), a parameter is refused or the firewall refuses the request, both say so.
 */
@Controller
@RequestMapping("${server.error.path:${error.path:/error}}")
class UiErrorController implements ErrorController {

  /**
   * The request attribute naming the parameter a page was refused for, a {@link ParameterDefect}.
   */
  static final String REFUSED_PARAMETER = UiErrorController.class.getName() + ".REFUSED_PARAMETER";

  /** The request attribute holding the problem of a request Spring Security's firewall refused. */
  private static final String REJECTED = UiErrorController.class.getName() + ".REJECTED";

  @RequestMapping(produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView page(HttpServletRequest request) {
    HttpStatus status = ProblemErrorController.status(request);
    Map<String, Object> model = new HashMap<>();
    model.put("status", status.value());
    if (request.getAttribute(REFUSED_PARAMETER) instanceof ParameterDefect defect) {
      model.put("refused", defect);
    }
    if (request.getAttribute(REJECTED) instanceof ProblemDetail rejected) {
      model.put("rejected", rejected.getDetail());
    }
    if (request.getAttribute(SessionLimits.FULL) != null) {
      model.put("full", SessionLimits.FULL_TEXT);
    }
    return new ModelAndView("error", model, status);
  }

  @RequestMapping
  @ResponseBody
  ResponseEntity<ProblemDetail> problem(HttpServletRequest request) {
    if (request.getAttribute(REFUSED_PARAMETER) instanceof ParameterDefect defect) {
      return ResponseEntity.badRequest()
          .contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .body(ProblemErrorController.forwarded(request, defect.problem()));
    }
    if (request.getAttribute(REJECTED) instanceof ProblemDetail rejected) {
      return ResponseEntity.badRequest()
          .contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .body(ProblemErrorController.forwarded(request, rejected));
    }
    if (request.getAttribute(SessionLimits.FULL) != null) {
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
          .contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .body(
              ProblemErrorController.forwarded(
                  request,
                  ProblemResponses.problem(
                      HttpStatus.SERVICE_UNAVAILABLE,
                      "unavailable",
                      ProblemCode.UNAVAILABLE,
                      "Service unavailable",
                      SessionLimits.FULL_TEXT)));
    }
    return ProblemErrorController.answer(request);
  }

  @Configuration(proxyBeanMethods = false)
  static class RejectedRequests {

    /**
     * A request Spring Security's firewall refuses (an encoded {@code %} or {@code /}, a {@code ;},
     * a {@code ..} segment) goes to the error page, which names what was refused, as the APIs'
     * problems do.
     */
    @Bean
    RequestRejectedHandler rejectedRequestPage() {
      return (request, response, rejected) -> {
        // Refused before the security filters ran, which write these on every other answer.
        RefusalReportValve.secure(response, PageErrorReportValve.POLICY);
        request.setAttribute(REJECTED, ProblemResponses.rejected(rejected));
        response.sendError(HttpServletResponse.SC_BAD_REQUEST);
      };
    }
  }
}
