package com.serviceaccounts.ui;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

@AnalyzeClasses(
    packages = "com.serviceaccounts.ui",
    importOptions = ImportOption.DoNotIncludeTests.class)
class WebUiArchitectureTest {

  @ArchTest
  static final ArchRule noPackageCycles =
      slices().matching("com.serviceaccounts.ui.(*)..").should().beFreeOfCycles();

  /** A page of a company names the levels it needs, in the pages' policy ({@code PageAccess}). */
  @ArchTest
  static final ArchRule everyCompanysPageNamesItsPolicy =
      methods()
          .that()
          .areAnnotatedWith(GetMapping.class)
          .and(takeAnIdFromThePath())
          .should()
          .beAnnotatedWith(PreAuthorize.class);

  /** The services are called through one client, which turns their problems into ApiProblem. */
  @ArchTest
  static final ArchRule onlyTheApiClientCallsTheServices =
      noClasses()
          .that()
          .resideOutsideOfPackage("..ui.api..")
          .should()
          .dependOnClassesThat()
          .haveFullyQualifiedName("org.springframework.web.client.RestClient");

  /** The development issuer is an add-on of the local stack: one class of the sign-in uses it. */
  @ArchTest
  static final ArchRule onlyTheDevelopmentSignInKnowsTheDevelopmentIssuer =
      noClasses()
          .that()
          .resideOutsideOfPackage("..ui.signin..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("com.serviceaccounts.devissuer..");

  private static DescribedPredicate<JavaMethod> takeAnIdFromThePath() {
    return DescribedPredicate.describe(
        "take an id from the path",
        method ->
            method.getParameters().stream()
                .anyMatch(
                    parameter ->
                        parameter.getRawType().isEquivalentTo(UUID.class)
                            && parameter.isAnnotatedWith(PathVariable.class)));
  }
}
