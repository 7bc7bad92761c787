package com.serviceaccounts.ui.pages;

import com.serviceaccounts.contract.command.AccountVersion;
import com.serviceaccounts.contract.command.CreatedServiceAccount;
import com.serviceaccounts.contract.command.RotatedSecret;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.ui.Model;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * What the account pages share: the one page that shows a secret, and the read-your-writes redirect
 * after a change ({@link WrittenVersions}). Who may see which page is {@link PageAccess}.
 */
final class AccountPages {

  static final String BASE = "/companies/{companyId}/service-accounts";

  private AccountPages() {}

  /** The one page that shows a new account's secret: never cached, never kept. */
  static String created(
      Model model, HttpServletResponse response, UUID companyId, CreatedServiceAccount created) {
    WrittenVersions.wrote(created.id(), created.version());
    return credentials(model, response, companyId, created, true);
  }

  /** The one page that shows a rotated secret: never cached, never kept. */
  static String rotated(
      Model model, HttpServletResponse response, UUID companyId, RotatedSecret rotated) {
    WrittenVersions.wrote(rotated.id(), rotated.version());
    return credentials(model, response, companyId, rotated, false);
  }

  // Either answer: the page reads clientId only from a creation's, previousSecretsExpireAt only
  // from a rotation's.
  private static String credentials(
      Model model,
      HttpServletResponse response,
      UUID companyId,
      Record credentials,
      boolean created) {
    response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
    model.addAttribute("companyId", companyId);
    model.addAttribute("credentials", credentials);
    model.addAttribute("created", created);
    return "credentials";
  }

  /**
   * To the account's page with {@code notice}, asking query-service for at least the version
   * command-service answered, so that the page shows the change at once.
   */
  static String changed(
      RedirectAttributes redirect, UUID companyId, AccountVersion written, String notice) {
    WrittenVersions.wrote(written.id(), written.version());
    redirect.addFlashAttribute("notice", notice);
    return "redirect:/companies/"
        + companyId
        + "/service-accounts/"
        + written.id()
        + "?v="
        + written.version();
  }
}
