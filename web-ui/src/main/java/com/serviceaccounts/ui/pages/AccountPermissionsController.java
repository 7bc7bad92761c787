package com.serviceaccounts.ui.pages;

import com.serviceaccounts.contract.command.AccountVersion;
import com.serviceaccounts.contract.query.ServiceAccountView;
import com.serviceaccounts.events.serviceaccount.CompanyTools;
import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import com.serviceaccounts.security.edge.ParameterDefect;
import com.serviceaccounts.ui.api.ApiProblem;
import com.serviceaccounts.ui.api.ServiceAccountsApi;
import com.serviceaccounts.ui.errors.RefusedParameterException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** An account's permissions matrix: a level per tool of the company. */
@Controller
@RequestMapping(AccountPages.BASE)
class AccountPermissionsController {

  /** The form's field of a tool's level: {@code tool.admin}. */
  private static final String TOOL = "tool.";

  private final ServiceAccountsApi api;
  private final PageTexts texts;

  AccountPermissionsController(ServiceAccountsApi api, PageTexts texts) {
    this.api = api;
    this.texts = texts;
  }

  @PreAuthorize("@pageAccess.canConfigurePermissions(authentication, #companyId)")
  @GetMapping("/{id}/permissions")
  String permissions(@PathVariable UUID companyId, @PathVariable UUID id, Model model) {
    return page(model, companyId, api.account(companyId, id, null), null, Map.of());
  }

  /** Sends the levels that differ from those of the version the form was opened at. */
  @PostMapping("/{id}/permissions")
  String configurePermissions(
      @PathVariable UUID companyId,
      @PathVariable UUID id,
      @RequestParam long version,
      @RequestParam Map<String, String> fields,
      CsrfToken csrf,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    refuseUnknownFields(fields, csrf);
    // The form's account as it was opened: waited for only if this session's change gave that
    // version (a version nobody wrote, or of an account the company does not have, would hold a
    // wait and answer that the change is saved); else as it is, and command-service answers 412
    // for a version that is not the account's.
    ServiceAccountView opened =
        api.account(
            companyId,
            id,
            WrittenVersions.waitFor(id, version) == WrittenVersions.Wait.WAIT ? version : null);
    Map<String, PermissionLevel> chosen = new LinkedHashMap<>();
    Map<String, PermissionLevel> changes = new LinkedHashMap<>();
    for (String tool : CompanyTools.ids()) {
      String value = fields.get(TOOL + tool);
      PermissionLevel level = level(value);
      PermissionLevel before = opened.permissions().getOrDefault(tool, PermissionLevel.NONE);
      chosen.put(tool, level == null ? before : level);
      if (level != null && level != before) {
        changes.put(tool, level);
      }
    }
    if (changes.isEmpty()) {
      redirect.addFlashAttribute("notice", texts.ui("notice.nothing-to-save"));
      return "redirect:/companies/" + companyId + "/service-accounts/" + id;
    }
    try {
      AccountVersion written = api.configurePermissions(companyId, id, changes, version);
      return AccountPages.changed(
          redirect, companyId, written, texts.ui("notice.permissions-saved"));
    } catch (ApiProblem problem) {
      if (problem.status() >= 500 || problem.status() == 403 || problem.status() == 404) {
        throw problem;
      }
      response.setStatus(problem.status());
      ServiceAccountView current = api.account(companyId, id, problem.currentVersion());
      // 412 is If-Match's own answer: someone else changed the account since the form opened.
      String message =
          problem.status() == 412
              ? texts.ui("conflict.permissions")
              : texts.of(problem, Set.of()).get("");
      return page(
          model, companyId, current, problem.status() == 412 ? null : chosen, Map.of("", message));
    }
  }

  private static String page(
      Model model,
      UUID companyId,
      ServiceAccountView account,
      Map<String, PermissionLevel> chosen,
      Map<String, String> errors) {
    model.addAttribute("companyId", companyId);
    model.addAttribute("account", account);
    Map<String, PermissionLevel> shown = chosen == null ? account.permissions() : chosen;
    model.addAttribute("levels", PermissionLevel.values());
    model.addAttribute(
        "rows",
        CompanyTools.ids().stream()
            .map(tool -> new PermissionRow(tool, shown.getOrDefault(tool, PermissionLevel.NONE)))
            .toList());
    model.addAttribute("errors", errors);
    return "permissions";
  }

  /** A row of the permissions matrix: a tool and its level on the form. */
  record PermissionRow(String tool, PermissionLevel level) {}

  /**
   * Refuses, naming it, a field the form does not have or a level that is none of the levels by its
   * exact name: {@code tool.admin=admin} or {@code tool.nope=ADMIN} would otherwise count as not
   * sent, and the page would say there was nothing to save.
   */
  private static void refuseUnknownFields(Map<String, String> fields, CsrfToken csrf) {
    for (Map.Entry<String, String> field : fields.entrySet()) {
      String name = field.getKey();
      if (name.equals("version") || name.equals(csrf.getParameterName())) {
        continue;
      }
      if (!name.startsWith(TOOL) || !CompanyTools.ids().contains(name.substring(TOOL.length()))) {
        throw new RefusedParameterException(
            name, "is not a field of this form: a tool's level is " + TOOL + "<tool>");
      }
      if (level(field.getValue()) == null) {
        throw new RefusedParameterException(
            name, "must be " + ParameterDefect.form(PermissionLevel.class));
      }
    }
  }

  /** A level sent by the form; anything else counts as not sent. */
  private static PermissionLevel level(String value) {
    for (PermissionLevel level : PermissionLevel.values()) {
      if (level.name().equals(value)) {
        return level;
      }
    }
    return null;
  }
}
