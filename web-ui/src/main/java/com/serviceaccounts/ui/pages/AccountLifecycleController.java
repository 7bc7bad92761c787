package com.serviceaccounts.ui.pages;

import com.serviceaccounts.contract.command.AccountVersion;
import com.serviceaccounts.contract.command.RotatedSecret;
import com.serviceaccounts.contract.query.ServiceAccountView;
import com.serviceaccounts.ui.api.ServiceAccountsApi;
import com.serviceaccounts.ui.api.ServiceAccountsApi.Transition;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * An account's secret rotation and life cycle (deactivate, reactivate, delete, restore), each
 * applied to the version the page showed; rotation and deletion ask for confirmation first.
 */
@Controller
@RequestMapping(AccountPages.BASE)
class AccountLifecycleController {

  private final ServiceAccountsApi api;
  private final PageTexts texts;

  AccountLifecycleController(ServiceAccountsApi api, PageTexts texts) {
    this.api = api;
    this.texts = texts;
  }

  /** Rotation and deletion are asked for again on a page of their own before they are sent. */
  @PreAuthorize("@pageAccess.canManage(authentication, #companyId)")
  @GetMapping("/{id}/{action:rotate|delete}")
  String confirm(
      @PathVariable UUID companyId,
      @PathVariable UUID id,
      @PathVariable String action,
      Model model) {
    model.addAttribute("companyId", companyId);
    model.addAttribute("account", api.account(companyId, id, null));
    model.addAttribute("action", action);
    return "confirm";
  }

  @PostMapping("/{id}/rotate")
  String rotate(
      @PathVariable UUID companyId,
      @PathVariable UUID id,
      @RequestParam long version,
      Model model,
      HttpServletResponse response) {
    ServiceAccountView account = api.account(companyId, id, null);
    RotatedSecret rotated = api.rotateSecret(companyId, id, version);
    model.addAttribute("account", account);
    return AccountPages.rotated(model, response, companyId, rotated);
  }

  @PostMapping("/{id}/delete")
  String delete(
      @PathVariable UUID companyId,
      @PathVariable UUID id,
      @RequestParam long version,
      RedirectAttributes redirect) {
    AccountVersion written = api.transition(companyId, id, Transition.DELETE, version);
    WrittenVersions.wrote(written.id(), written.version());
    redirect.addFlashAttribute("notice", texts.ui("notice.deleted"));
    return "redirect:/companies/"
        + companyId
        + "/service-accounts?after="
        + written.id()
        + ":"
        + written.version();
  }

  @PostMapping("/{id}/{transition:deactivate|reactivate|restore}")
  String transition(
      @PathVariable UUID companyId,
      @PathVariable UUID id,
      @PathVariable String transition,
      @RequestParam long version,
      RedirectAttributes redirect) {
    Transition operation = Transition.valueOf(transition.toUpperCase(Locale.ROOT));
    AccountVersion written = api.transition(companyId, id, operation, version);
    return AccountPages.changed(
        redirect,
        companyId,
        written,
        texts.ui(
            switch (operation) {
              case DEACTIVATE -> "notice.deactivated";
              case REACTIVATE -> "notice.reactivated";
              case RESTORE -> "notice.restored";
              case DELETE -> "notice.deleted";
            }));
  }
}
