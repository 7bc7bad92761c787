package com.serviceaccounts.ui.pages;

import com.serviceaccounts.events.serviceaccount.AccountStatus;
import com.serviceaccounts.events.serviceaccount.AppType;
import com.serviceaccounts.events.serviceaccount.CompanyTools;
import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import com.serviceaccounts.ui.api.Account;
import com.serviceaccounts.ui.api.ApiProblem;
import com.serviceaccounts.ui.api.Credentials;
import com.serviceaccounts.ui.api.ServiceAccountsApi;
import com.serviceaccounts.ui.api.ServiceAccountsApi.Transition;
import com.serviceaccounts.ui.api.Written;
import com.serviceaccounts.ui.signin.SignedInUser;
import com.serviceaccounts.ui.signin.SignedInUsers;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Company Settings → Service Accounts: the list, New, an account's page with Edit, permissions,
 * secret rotation and its life cycle. After every change the next page asks query-service for at
 * least the version command-service answered, so it shows the change at once.
 */
@Controller
@RequestMapping("/companies/{companyId}/service-accounts")
class AccountPagesController {

  static final int PAGE_SIZE = 20;

  private final ServiceAccountsApi api;

  AccountPagesController(ServiceAccountsApi api) {
    this.api = api;
  }

  @GetMapping
  String list(
      @PathVariable UUID companyId,
      @RequestParam(required = false) String q,
      @RequestParam(required = false) List<String> status,
      @RequestParam(required = false) List<String> appType,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(required = false) String after,
      @RequestHeader(value = "HX-Request", required = false) String htmx,
      @RequestHeader(value = "HX-History-Restore-Request", required = false) String historyRestore,
      Model model) {
    SignedInUser user = SignedInUsers.current();
    if (!user.canRead(companyId)) {
      throw new NoAccessException(
          "Seeing a company's service accounts needs at least Read Only on its Admin tool.");
    }
    List<String> statuses = status == null ? List.of() : status;
    List<String> appTypes = appType == null ? List.of() : appType;
    Account.Page accounts =
        api.accounts(companyId, q, statuses, appTypes, Math.max(page, 0), PAGE_SIZE, after);
    model.addAttribute("companyId", companyId);
    model.addAttribute("q", q == null ? "" : q);
    model.addAttribute("statuses", statuses);
    model.addAttribute("appTypes", appTypes);
    model.addAttribute("allStatuses", AccountStatus.values());
    model.addAttribute("allAppTypes", AppType.values());
    model.addAttribute("accounts", accounts);
    model.addAttribute("canManage", user.canManage(companyId));
    // htmx swaps in the results; a history restore (Back after htmx pushed a URL) needs the page.
    return htmx != null && historyRestore == null ? "accounts :: results" : "accounts";
  }

  @GetMapping("/new")
  String newAccount(@PathVariable UUID companyId, Model model) {
    requireManage(companyId);
    return form(
        model,
        companyId,
        null,
        new AccountForm(AppType.CUSTOM, null, "", "", UUID.randomUUID().toString(), null),
        Map.of());
  }

  @PostMapping
  String create(
      @PathVariable UUID companyId,
      @ModelAttribute AccountForm form,
      Model model,
      HttpServletResponse response) {
    requireManage(companyId);
    Credentials created;
    try {
      created =
          api.create(
              companyId,
              form.name(),
              form.appType(),
              form.effectiveMarketplaceAppId(),
              form.contactEmail(),
              form.requestKey());
    } catch (ApiProblem problem) {
      if (problem.status() >= 500) {
        throw problem;
      }
      response.setStatus(422);
      return form(model, companyId, null, form, FieldMessages.of(problem, AccountForm.FIELDS));
    }
    return credentials(model, response, companyId, created, true);
  }

  @GetMapping("/{id}")
  String account(
      @PathVariable UUID companyId,
      @PathVariable UUID id,
      @RequestParam(required = false) Long v,
      Model model) {
    SignedInUser user = SignedInUsers.current();
    if (!user.canRead(companyId)) {
      throw new NoAccessException(
          "Seeing a company's service accounts needs at least Read Only on its Admin tool.");
    }
    model.addAttribute("companyId", companyId);
    model.addAttribute("account", api.account(companyId, id, v));
    model.addAttribute("canManage", user.canManage(companyId));
    model.addAttribute("canConfigurePermissions", user.canConfigurePermissions(companyId));
    return "account";
  }

  @GetMapping("/{id}/edit")
  String edit(@PathVariable UUID companyId, @PathVariable UUID id, Model model) {
    requireManage(companyId);
    Account account = api.account(companyId, id, null);
    return form(model, companyId, account, AccountForm.editing(account), Map.of());
  }

  /** The seed's Update. */
  @PostMapping("/{id}/edit")
  String update(
      @PathVariable UUID companyId,
      @PathVariable UUID id,
      @ModelAttribute AccountForm form,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    requireManage(companyId);
    if (form.version() == null) {
      // The form always sends the version it was opened at; without it, it is not this page's.
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "the form has no version");
    }
    try {
      Written written =
          api.edit(
              companyId,
              id,
              form.name(),
              form.appType(),
              form.effectiveMarketplaceAppId(),
              form.version());
      return changed(redirect, companyId, written, "Saved.");
    } catch (ApiProblem problem) {
      if (problem.status() >= 500 || problem.status() == 404) {
        throw problem;
      }
      response.setStatus(problem.status() == 412 ? 412 : 422);
      Account current = api.account(companyId, id, problem.currentVersion());
      Map<String, String> errors =
          problem.status() == 412
              ? Map.of(
                  "",
                  "Someone else changed this account while you were editing it. Its current"
                      + " values are shown below: check them and save again.")
              : FieldMessages.of(problem, AccountForm.FIELDS);
      AccountForm shown = problem.status() == 412 ? AccountForm.editing(current) : form;
      return form(model, companyId, current, shown, errors);
    }
  }

  @GetMapping("/{id}/permissions")
  String permissions(@PathVariable UUID companyId, @PathVariable UUID id, Model model) {
    requirePermissions(companyId);
    return permissionsPage(model, companyId, api.account(companyId, id, null), null, Map.of());
  }

  /** Sends the levels that differ from those of the version the form was opened at. */
  @PostMapping("/{id}/permissions")
  String configurePermissions(
      @PathVariable UUID companyId,
      @PathVariable UUID id,
      @RequestParam long version,
      @RequestParam Map<String, String> fields,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    requirePermissions(companyId);
    Account opened = api.account(companyId, id, version);
    Map<String, PermissionLevel> chosen = new LinkedHashMap<>();
    Map<String, PermissionLevel> changes = new LinkedHashMap<>();
    for (String tool : CompanyTools.ids()) {
      String value = fields.get("tool." + tool);
      PermissionLevel level = level(value);
      PermissionLevel before = opened.permissions().getOrDefault(tool, PermissionLevel.NONE);
      chosen.put(tool, level == null ? before : level);
      if (level != null && level != before) {
        changes.put(tool, level);
      }
    }
    if (changes.isEmpty()) {
      redirect.addFlashAttribute("notice", "Nothing to save: every level is as it was.");
      return "redirect:/companies/" + companyId + "/service-accounts/" + id;
    }
    try {
      Written written = api.configurePermissions(companyId, id, changes, version);
      return changed(redirect, companyId, written, "Permissions saved.");
    } catch (ApiProblem problem) {
      if (problem.status() >= 500 || problem.status() == 404) {
        throw problem;
      }
      response.setStatus(problem.status());
      Account current = api.account(companyId, id, problem.currentVersion());
      String message =
          problem.status() == 412
              ? "Someone else changed this account while you were editing it. Its current levels"
                  + " are shown below: make your changes again."
              : FieldMessages.of(problem, Set.of()).get("");
      return permissionsPage(
          model, companyId, current, problem.status() == 412 ? null : chosen, Map.of("", message));
    }
  }

  @GetMapping("/{id}/rotate")
  String confirmRotation(@PathVariable UUID companyId, @PathVariable UUID id, Model model) {
    requireManage(companyId);
    return confirmation(model, companyId, api.account(companyId, id, null), "rotate");
  }

  @PostMapping("/{id}/rotate")
  String rotate(
      @PathVariable UUID companyId,
      @PathVariable UUID id,
      @RequestParam long version,
      Model model,
      HttpServletResponse response) {
    requireManage(companyId);
    Account account = api.account(companyId, id, null);
    Credentials rotated = api.rotateSecret(companyId, id, version);
    model.addAttribute("account", account);
    return credentials(model, response, companyId, rotated, false);
  }

  @GetMapping("/{id}/delete")
  String confirmDeletion(@PathVariable UUID companyId, @PathVariable UUID id, Model model) {
    requireManage(companyId);
    return confirmation(model, companyId, api.account(companyId, id, null), "delete");
  }

  @PostMapping("/{id}/delete")
  String delete(
      @PathVariable UUID companyId,
      @PathVariable UUID id,
      @RequestParam long version,
      RedirectAttributes redirect) {
    requireManage(companyId);
    Written written = api.transition(companyId, id, Transition.DELETE, version);
    redirect.addFlashAttribute(
        "notice", "Deleted. It can be restored from Status: Deleted until its window ends.");
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
    requireManage(companyId);
    Transition operation = Transition.valueOf(transition.toUpperCase(Locale.ROOT));
    Written written = api.transition(companyId, id, operation, version);
    return changed(
        redirect,
        companyId,
        written,
        switch (operation) {
          case DEACTIVATE -> "Deactivated: the account gets no new tokens until reactivated.";
          case REACTIVATE -> "Reactivated.";
          case RESTORE -> "Restored.";
          case DELETE -> "Deleted.";
        });
  }

  @GetMapping("/{id}/history")
  String history(
      @PathVariable UUID companyId,
      @PathVariable UUID id,
      @RequestParam(required = false) String cursor,
      Model model) {
    if (!SignedInUsers.current().canManage(companyId)) {
      throw new NoAccessException(
          "Reading the audit trail needs Admin on the company's Admin tool.");
    }
    model.addAttribute("companyId", companyId);
    model.addAttribute("account", api.account(companyId, id, null));
    model.addAttribute("history", api.history(companyId, id, cursor, null));
    return "history";
  }

  private String form(
      Model model, UUID companyId, Account account, AccountForm form, Map<String, String> errors) {
    model.addAttribute("companyId", companyId);
    model.addAttribute("account", account);
    model.addAttribute("form", form);
    model.addAttribute("errors", errors);
    model.addAttribute("marketplaceApps", api.marketplaceApps());
    return "account-form";
  }

  private String permissionsPage(
      Model model,
      UUID companyId,
      Account account,
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

  private String confirmation(Model model, UUID companyId, Account account, String action) {
    model.addAttribute("companyId", companyId);
    model.addAttribute("account", account);
    model.addAttribute("action", action);
    return "confirm";
  }

  /** The one page that shows a secret: never cached, never kept. */
  private String credentials(
      Model model,
      HttpServletResponse response,
      UUID companyId,
      Credentials credentials,
      boolean created) {
    response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
    model.addAttribute("companyId", companyId);
    model.addAttribute("credentials", credentials);
    model.addAttribute("created", created);
    return "credentials";
  }

  private static String changed(
      RedirectAttributes redirect, UUID companyId, Written written, String notice) {
    redirect.addFlashAttribute("notice", notice);
    return "redirect:/companies/"
        + companyId
        + "/service-accounts/"
        + written.id()
        + "?v="
        + written.version();
  }

  /** A row of the permissions matrix: a tool and its level on the form. */
  record PermissionRow(String tool, PermissionLevel level) {}

  /** A level sent by the form; anything else counts as not sent. */
  private static PermissionLevel level(String value) {
    for (PermissionLevel level : PermissionLevel.values()) {
      if (level.name().equals(value)) {
        return level;
      }
    }
    return null;
  }

  private static void requireManage(UUID companyId) {
    if (!SignedInUsers.current().canManage(companyId)) {
      throw new NoAccessException(
          "Creating and changing service accounts needs Admin on the company's Admin tool.");
    }
  }

  private static void requirePermissions(UUID companyId) {
    if (!SignedInUsers.current().canConfigurePermissions(companyId)) {
      throw new NoAccessException(
          "Configuring permissions needs Admin on the company's Directory tool.");
    }
  }
}
