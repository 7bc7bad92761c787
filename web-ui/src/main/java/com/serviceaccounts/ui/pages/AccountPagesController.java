package com.serviceaccounts.ui.pages;

import com.serviceaccounts.contract.query.ServiceAccountPage;
import com.serviceaccounts.contract.query.ServiceAccountView;
import com.serviceaccounts.events.serviceaccount.AccountStatus;
import com.serviceaccounts.events.serviceaccount.AppType;
import com.serviceaccounts.ui.api.ServiceAccountsApi;
import com.serviceaccounts.ui.errors.RefusedParameterException;
import com.serviceaccounts.ui.signin.SignedInUser;
import com.serviceaccounts.ui.signin.SignedInUsers;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Company Settings → Service Accounts: the list, an account's page and its audit trail. New and
 * Edit are {@link AccountFormsController}'s, permissions {@link AccountPermissionsController}'s,
 * rotation and the life cycle {@link AccountLifecycleController}'s. After every change the next
 * page asks query-service for at least the version command-service answered ({@code ?v=} or {@code
 * ?after=}), so it shows the change at once; a version this session did not write is not waited for
 * ({@link WrittenVersions}).
 */
@Controller
@RequestMapping(AccountPages.BASE)
class AccountPagesController {

  static final int PAGE_SIZE = 20;

  private final ServiceAccountsApi api;
  private final PageTexts texts;

  AccountPagesController(ServiceAccountsApi api, PageTexts texts) {
    this.api = api;
    this.texts = texts;
  }

  /** An account's id, lower-case as the UI writes it, and a version. */
  private static final Pattern AFTER =
      Pattern.compile(
          "([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}):([1-9][0-9]{0,17})");

  @PreAuthorize("@pageAccess.canRead(authentication, #companyId)")
  @GetMapping
  String list(
      @PathVariable UUID companyId,
      @RequestParam(required = false) String q,
      @RequestParam(required = false) List<AccountStatus> status,
      @RequestParam(required = false) List<AppType> appType,
      @RequestParam(required = false) Integer page,
      @RequestParam(required = false) String after,
      @RequestHeader(value = "HX-Request", required = false) String htmx,
      @RequestHeader(value = "HX-History-Restore-Request", required = false) String historyRestore,
      Model model) {
    SignedInUser user = SignedInUsers.current();
    List<String> statuses = names(status);
    List<String> appTypes = names(appType);
    AfterChange written = written(after);
    WrittenVersions.Wait wait =
        written == null
            ? WrittenVersions.Wait.NONE
            : WrittenVersions.waitFor(written.id(), written.version());
    ServiceAccountPage accounts =
        api.accounts(
            companyId,
            q,
            statuses,
            appTypes,
            page == null ? 0 : page,
            PAGE_SIZE,
            wait == WrittenVersions.Wait.WAIT ? after : null);
    if (wait == WrittenVersions.Wait.OVERDUE) {
      notYetShown(model);
    }
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

  @PreAuthorize("@pageAccess.canRead(authentication, #companyId)")
  @GetMapping("/{id}")
  String account(
      @PathVariable UUID companyId,
      @PathVariable UUID id,
      @RequestParam(required = false) Long v,
      Model model) {
    SignedInUser user = SignedInUsers.current();
    model.addAttribute("companyId", companyId);
    WrittenVersions.Wait wait = WrittenVersions.waitFor(id, v);
    ServiceAccountView account =
        api.account(companyId, id, wait == WrittenVersions.Wait.WAIT ? v : null);
    if (wait == WrittenVersions.Wait.OVERDUE && account.version() < v) {
      notYetShown(model);
    }
    model.addAttribute("account", account);
    model.addAttribute("canManage", user.canManage(companyId));
    model.addAttribute("canConfigurePermissions", user.canConfigurePermissions(companyId));
    return "account";
  }

  @PreAuthorize("@pageAccess.canReadAudit(authentication, #companyId)")
  @GetMapping("/{id}/history")
  String history(
      @PathVariable UUID companyId,
      @PathVariable UUID id,
      @RequestParam(required = false) String cursor,
      Model model) {
    model.addAttribute("companyId", companyId);
    model.addAttribute("account", api.account(companyId, id, null));
    model.addAttribute("history", api.history(companyId, id, cursor, null));
    return "history";
  }

  /**
   * The account and version the list's {@code after} names ({@code <account id>:<version>}, as the
   * redirect after a deletion gives it); null if there is none.
   */
  private static AfterChange written(String after) {
    if (after == null) {
      return null;
    }
    Matcher written = AFTER.matcher(after);
    if (!written.matches()) {
      throw new RefusedParameterException(
          "after", "must be an account's id and version (<id>:<version>), as a change gives it");
    }
    return new AfterChange(UUID.fromString(written.group(1)), Long.parseLong(written.group(2)));
  }

  /** An account and a version of it. */
  private record AfterChange(UUID id, long version) {}

  /**
   * Says that the user's change has not shown yet after the pages waited for it as long as they do
   * ({@link WrittenVersions}): the page shows what query-service has.
   */
  private void notYetShown(Model model) {
    model.addAttribute("notice", texts.ui("notice.change-not-shown-yet"));
  }

  /** The constants by their names, as query-service reads them; none when absent. */
  private static List<String> names(List<? extends Enum<?>> constants) {
    return constants == null ? List.of() : constants.stream().map(Enum::name).toList();
  }
}
