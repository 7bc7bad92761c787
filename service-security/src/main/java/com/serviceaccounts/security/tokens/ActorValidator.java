package com.serviceaccounts.security.tokens;

import com.serviceaccounts.events.text.Actors;
import com.serviceaccounts.events.text.UntrustedText;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;

/**
 * Checks that a token's {@code sub} fits the kind of caller its issuer issues tokens for: a service
 * account's token ({@link TrustedIssuers#serviceAccounts}) names the account it was issued to,
 * {@code service-account:<client_id>}; a person's token names no service account and not the system
 * (the actors {@code service-account:…} and {@code system:…} are reserved, in any case, width or
 * dash, and so is a person's name after {@code user:} that reads as one). The {@code sub} is the
 * actor every event of the caller's changes records and every auditor reads, so it follows the rule
 * of every actor ({@link Actors#defect}). Hand-written because it compares claims with each other
 * and with the issuer, which no single-claim validator does.
 */
final class ActorValidator implements OAuth2TokenValidator<Jwt> {

  static final String SERVICE_ACCOUNT_PREFIX = "service-account:";
  static final String CLIENT_ID = "client_id";

  private final TrustedIssuers issuers;

  ActorValidator(TrustedIssuers issuers) {
    this.issuers = issuers;
  }

  @Override
  public OAuth2TokenValidatorResult validate(Jwt token) {
    String issuer = token.getClaimAsString(JwtClaimNames.ISS);
    String subject = token.getSubject();
    if (subject == null) {
      return OAuth2TokenValidatorResult.success(); // refused by the sub validator
    }
    String defect = Actors.defect(subject);
    if (defect != null) {
      return failure("sub " + defect);
    }
    int passing =
        subject.codePoints().filter(UntrustedText::passesForASpaceOrNothing).findFirst().orElse(-1);
    if (passing >= 0) {
      // user:a\u00A0b would pass for user:a b, and be shown, escaped, as the text user:a\u00A0b.
      return failure(
          "sub must not contain a space other than U+0020 nor a code point Unicode has not"
              + " assigned (found U+%04X): it would pass for another name".formatted(passing));
    }
    int colon = subject.indexOf(':');
    if (colon >= 0
        && (colon == subject.length() - 1
            || Character.isWhitespace(subject.codePointAt(colon + 1))
            || Character.isSpaceChar(subject.codePointAt(colon + 1)))) {
      // user: or user:<space>a would show as no one, or as someone else, in the audit trail.
      return failure(
          "sub must name someone after '"
              + UntrustedText.echo(subject.substring(0, colon + 1))
              + "': not no one, nor a name that begins with a space");
    }
    if (issuers.issuesServiceAccountTokens(issuer)) {
      String clientId = token.getClaimAsString(CLIENT_ID);
      if (clientId == null || !subject.equals(SERVICE_ACCOUNT_PREFIX + clientId)) {
        return failure(
            "a token of "
                + issuer
                + " must name its service account: sub = service-account:<client_id>");
      }
      return OAuth2TokenValidatorResult.success();
    }
    if (Actors.readsAsReserved(subject)
        || (subject.startsWith(Actors.PERSON)
            && Actors.readsAsReserved(subject.substring(Actors.PERSON.length())))) {
      // user:service-account:sa_… would show as service-account:sa_… wherever a person's name is.
      return failure(
          "sub "
              + UntrustedText.echo(subject)
              + " is reserved: only the token service names service accounts");
    }
    return OAuth2TokenValidatorResult.success();
  }

  private static OAuth2TokenValidatorResult failure(String description) {
    return OAuth2TokenValidatorResult.failure(
        new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null));
  }
}
