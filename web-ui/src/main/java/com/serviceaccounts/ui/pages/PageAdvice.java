package com.serviceaccounts.ui.pages;

import com.serviceaccounts.ui.api.ApiProblem;
import com.serviceaccounts.ui.signin.SignedInUser;
import com.serviceaccounts.ui.signin.SignedInUsers;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every page shows of the user, and the page for a refusal no form handles itself: the
 * service's own explanation, with the status it gave. An expired sign-in goes back to the sign-in.
 */
@ControllerAdvice
class PageAdvice {

  private final PageTexts texts;

  PageAdvice(PageTexts texts) {
    this.texts = texts;
  }

  @ModelAttribute("user")
  SignedInUser user() {
    return SignedInUsers.find().orElse(null);
  }

  @ExceptionHandler(ApiProblem.class)
  String refused(
      ApiProblem problem, Model model, HttpServletRequest request, HttpServletResponse response) {
    if (problem.status() == 401) {
      SecurityContextHolder.clearContext();
      request.getSession().invalidate();
      return "redirect:/sign-in?expired";
    }
    response.setStatus(problem.status());
    model.addAttribute("user", user());
    if (problem.status() == 503) {
      // The change is stored and the read side has not shown it within its wait, or a service is
      // away a moment: the page asks again by itself a moment later, and so may any client.
      model.addAttribute("refreshSeconds", 1);
      response.setHeader(HttpHeaders.RETRY_AFTER, "1");
    }
    model.addAttribute("status", problem.status());
    model.addAttribute(
        "heading",
        switch (problem.status()) {
          case 403, 404, 503 -> texts.ui("refusal.heading." + problem.status());
          default -> problem.title();
        });
    model.addAttribute("message", texts.refusal(problem));
    return "problem";
  }

  /** A page the user's levels do not reach ({@link PageAccess}): which level it needs. */
  @ExceptionHandler(AuthorizationDeniedException.class)
  String noAccess(AuthorizationDeniedException e, Model model, HttpServletResponse response) {
    if (!(e.getAuthorizationResult() instanceof PageAccess.PageAccessDenied denied)) {
      throw e;
    }
    response.setStatus(403);
    model.addAttribute("user", user());
    model.addAttribute("status", 403);
    model.addAttribute("heading", texts.ui("refusal.no-access"));
    model.addAttribute("message", texts.ui(denied.textKey()));
    return "problem";
  }
}
