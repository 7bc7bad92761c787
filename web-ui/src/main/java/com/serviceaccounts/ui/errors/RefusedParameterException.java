package com.serviceaccounts.ui.errors;

import com.serviceaccounts.events.text.UntrustedText;
import com.serviceaccounts.security.edge.ParameterDefect;

/**
 * A page's parameter or a form's field that its page refuses, for a reason only the page knows (a
 * field the form does not have): the UI's error page names it ({@link RefusedParameterAdvice}).
 */
public class RefusedParameterException extends RuntimeException {

  private final transient ParameterDefect defect;

  /**
   * @param name the parameter as the client sent it (escaped here)
   * @param reason what is wrong with it, in the APIs' words ({@code must be one of ...})
   */
  public RefusedParameterException(String name, String reason) {
    super(reason);
    this.defect = new ParameterDefect(UntrustedText.echo(name), reason);
  }

  ParameterDefect defect() {
    return defect;
  }
}
