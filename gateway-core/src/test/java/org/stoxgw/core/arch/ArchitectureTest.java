package org.stoxgw.core.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module rules of the design (ARCHITECTURE.md): mapping stays pure, the adapters never see
 * each other, adapters use only mapping's value types, the core knows no wire format.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.stoxgw");
    }

    @Test
    void mappingIsPure() {
        ArchRule rule = noClasses().that().resideInAPackage("org.stoxgw.mapping..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.netty..", "javax.sip..", "gov.nist..", "org.jivesoftware.smack.tcp..",
                        "org.slf4j..", "java.nio.channels..", "java.nio.file..",
                        "org.stoxgw.sipadapter..", "org.stoxgw.xmppadapter..", "org.stoxgw.core..")
                // java.net.IDN is a pure string function (IDNA, AMB-14); the rest of java.net does I/O.
                .orShould().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "are in java.net but are not java.net.IDN",
                        c -> c.getPackageName().startsWith("java.net") && !c.getName().equals("java.net.IDN")))
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.jivesoftware.smack.XMPPConnection")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.jivesoftware.smack.AbstractXMPPConnection")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.Thread")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.Executor")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.time.Clock")
                .because("mapping is pure translation: no I/O, threads, clocks or logging (ARCHITECTURE.md)");
        rule.check(classes);
    }

    @Test
    void sipAdapterDoesNotSeeXmppAdapter() {
        noClasses().that().resideInAPackage("org.stoxgw.sipadapter..")
                .should().dependOnClassesThat().resideInAnyPackage("org.stoxgw.xmppadapter..", "org.jivesoftware..")
                .check(classes);
    }

    @Test
    void xmppAdapterDoesNotSeeSipAdapter() {
        noClasses().that().resideInAPackage("org.stoxgw.xmppadapter..")
                .should().dependOnClassesThat().resideInAnyPackage("org.stoxgw.sipadapter..", "javax.sip..", "gov.nist..")
                .check(classes);
    }

    @Test
    void adaptersUseOnlyMappingsValueTypes() {
        noClasses().that().resideInAnyPackage("org.stoxgw.sipadapter..", "org.stoxgw.xmppadapter..")
                .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "mapping classes other than the neutral SIP model and the Jingle stanza elements",
                        c -> c.getPackageName().startsWith("org.stoxgw.mapping")
                                && !c.getPackageName().equals("org.stoxgw.mapping.sip")
                                // the Jingle elements and providers are stanza model (DECISIONS CALL-03); the
                                // translator JingleMedia is the one class of the package the adapters must not call
                                && !(c.getPackageName().equals("org.stoxgw.mapping.jingle")
                                        && !c.getSimpleName().startsWith("JingleMedia"))))
                .because("adapters decode the wire into values; translation happens in the core via mapping")
                .check(classes);
    }

    @Test
    void adaptersDoNotReachIntoTheCore() {
        noClasses().that().resideInAnyPackage("org.stoxgw.sipadapter..", "org.stoxgw.xmppadapter..",
                        "org.stoxgw.mapping..", "org.stoxgw.config..")
                .should().dependOnClassesThat().resideInAPackage("org.stoxgw.core..")
                .check(classes);
    }

    @Test
    void coreKnowsNoWireFormat() {
        // the admin endpoint speaks HTTP (its own wire, not SIP or XMPP) and is the one exception
        noClasses().that().resideInAPackage("org.stoxgw.core..").and().resideOutsideOfPackage("org.stoxgw.core.admin..")
                .should().dependOnClassesThat().resideInAnyPackage("javax.sip..", "gov.nist..", "com.fasterxml.aalto..",
                        "io.netty.handler.codec..", "io.netty.handler.ssl..")
                .check(classes);
    }
}
