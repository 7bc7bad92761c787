package com.serviceaccounts.security.access;

import com.serviceaccounts.contract.problem.ProblemCode;
import com.serviceaccounts.security.access.CompanyAccess.CompanyAccessDenied;
import com.serviceaccounts.security.problems.ProblemResponses;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The problems of a caller that {@link CompanyAccess} refused: 404 outside its companies, else 403.
 * Any other denial is left to Spring Security's own handling.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class CompanyAccessProblems {

  @ExceptionHandler(AuthorizationDeniedException.class)
  ProblemDetail denied(AuthorizationDeniedException e) {
    if (!(e.getAuthorizationResult() instanceof CompanyAccessDenied denied)) {
      throw e;
    }
    return denied.member()
        ? ProblemResponses.problem(
            HttpStatus.FORBIDDEN,
            "forbidden",
            ProblemCode.FORBIDDEN,
            "Insufficient permission",
            denied.detail())
        : ProblemResponses.problem(
            HttpStatus.NOT_FOUND,
            "not-found",
            ProblemCode.ACCOUNT_NOT_FOUND,
            "Service account not found",
            denied.detail());
  }
}
