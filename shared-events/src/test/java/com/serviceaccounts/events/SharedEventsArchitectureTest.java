package com.serviceaccounts.events;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The contract stays a plain library: any service, Spring or not, can depend on it. */
@AnalyzeClasses(
    packages = "com.serviceaccounts.events",
    importOptions = ImportOption.DoNotIncludeTests.class)
class SharedEventsArchitectureTest {

  @ArchTest
  static final ArchRule noSpring =
      noClasses().should().dependOnClassesThat().resideInAPackage("org.springframework..");

  @ArchTest
  static final ArchRule noAxon =
      noClasses().should().dependOnClassesThat().resideInAPackage("org.axonframework..");
}
