package com.serviceaccounts.security;

import com.serviceaccounts.contract.problem.ProblemCode;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The problems of a caller that may not do what it asked: 404 outside its companies, else 403. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class CompanyAccessProblems {

  @ExceptionHandler(CompanyNotVisibleException.class)
  ProblemDetail notVisible(CompanyNotVisibleException e) {
    return ProblemResponses.problem(
        HttpStatus.NOT_FOUND,
        "not-found",
        ProblemCode.ACCOUNT_NOT_FOUND,
        "Service account not found",
        e.getMessage());
  }

  @ExceptionHandler(InsufficientPermissionException.class)
  ProblemDetail insufficient(InsufficientPermissionException e) {
    return ProblemResponses.problem(
        HttpStatus.FORBIDDEN,
        "forbidden",
        ProblemCode.FORBIDDEN,
        "Insufficient permission",
        e.getMessage());
  }
}
