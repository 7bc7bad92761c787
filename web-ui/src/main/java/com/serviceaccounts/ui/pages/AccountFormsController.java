package com.serviceaccounts.ui.pages;

import com.serviceaccounts.contract.command.AccountVersion;
import com.serviceaccounts.contract.command.CreatedServiceAccount;
import com.serviceaccounts.contract.command.IdempotencyKey;
import com.serviceaccounts.contract.query.ServiceAccountView;
import com.serviceaccounts.events.serviceaccount.AppType;
import com.serviceaccounts.ui.api.ApiProblem;
import com.serviceaccounts.ui.api.ServiceAccountsApi;
import com.serviceaccounts.ui.errors.RefusedParameterException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * New and Edit: the form, and a refusal shown next to the field it concerns, in the form's words.
 */
@Controller
@RequestMapping(AccountPages.BASE)
class AccountFormsController {

  private final ServiceAccountsApi api;
  private final PageTexts texts;

  AccountFormsController(ServiceAccountsApi api, PageTexts texts) {
    this.api = api;
    this.texts = texts;
  }

  @PreAuthorize("@pageAccess.canManage(authentication, #companyId)")
  @GetMapping("/new")
  String newAccount(@PathVariable UUID companyId, Model model) {
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
    if (form.requestKey() != null && !IdempotencyKey.isValid(form.requestKey())) {
      // It goes as a header: a character outside ASCII would not arrive as it was given.
      throw new RefusedParameterException("requestKey", IdempotencyKey.RULE);
    }
    CreatedServiceAccount created;
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
      if (problem.status() >= 500 || problem.status() == 403) {
        throw problem;
      }
      response.setStatus(422);
      return form(model, companyId, null, form, texts.of(problem, AccountForm.FIELDS));
    }
    return AccountPages.created(model, response, companyId, created);
  }

  @PreAuthorize("@pageAccess.canManage(authentication, #companyId)")
  @GetMapping("/{id}/edit")
  String edit(@PathVariable UUID companyId, @PathVariable UUID id, Model model) {
    ServiceAccountView account = api.account(companyId, id, null);
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
    if (form.version() == null) {
      // The form always sends the version it was opened at; without it, it is not this page's.
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "the form has no version");
    }
    try {
      AccountVersion written =
          api.edit(
              companyId,
              id,
              form.name(),
              form.appType(),
              form.effectiveMarketplaceAppId(),
              form.version());
      return AccountPages.changed(redirect, companyId, written, texts.ui("notice.saved"));
    } catch (ApiProblem problem) {
      if (problem.status() >= 500 || problem.status() == 403 || problem.status() == 404) {
        throw problem;
      }
      // 412 is If-Match's own answer: someone else changed the account since the form opened.
      boolean changedMeanwhile = problem.status() == 412;
      response.setStatus(changedMeanwhile ? 412 : 422);
      ServiceAccountView current = api.account(companyId, id, problem.currentVersion());
      Map<String, String> errors =
          changedMeanwhile
              ? Map.of("", texts.ui("conflict.edit"))
              : texts.of(problem, AccountForm.FIELDS);
      AccountForm shown = changedMeanwhile ? AccountForm.editing(current) : form;
      return form(model, companyId, current, shown, errors);
    }
  }

  private String form(
      Model model,
      UUID companyId,
      ServiceAccountView account,
      AccountForm form,
      Map<String, String> errors) {
    model.addAttribute("companyId", companyId);
    model.addAttribute("account", account);
    model.addAttribute("form", form);
    model.addAttribute("errors", errors);
    model.addAttribute("marketplaceApps", api.marketplaceApps());
    return "account-form";
  }
}
