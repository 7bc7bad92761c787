package com.serviceaccounts.ui.errors;

import com.serviceaccounts.security.problems.ProblemErrorController;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.ModelAndView;

/**
 * The UI's error page ({@code templates/error.html}) for a browser, and for any other client (a
 * script that posts a form, say) the services' problem+json instead of Spring Boot's plain JSON:
 * the same status either way, and nothing of the failure's cause.
 */
@Controller
@RequestMapping("${server.error.path:${error.path:/error}}")
class UiErrorController implements ErrorController {

  @RequestMapping(produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView page(HttpServletRequest request) {
    HttpStatus status = ProblemErrorController.status(request);
    return new ModelAndView("error", Map.of("status", status.value()), status);
  }

  @RequestMapping
  @ResponseBody
  ResponseEntity<ProblemDetail> problem(HttpServletRequest request) {
    return ProblemErrorController.answer(request);
  }
}
