package io.tessera.gateway.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tessera.gateway.admission.AdmissionService;
import io.tessera.gateway.admission.CreateCluster;
import io.tessera.gateway.quota.Resources;
import io.tessera.gateway.testing.HeadlessChromium;
import io.tessera.gateway.testing.KeycloakResource;
import io.tessera.gateway.testing.PostgresResource;
import io.tessera.gateway.testing.Tenants;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The JupyterHub-style browser journey in headless Chromium against real Keycloak and PostgreSQL:
 * visit the gateway, log in on Keycloak's form, see your clusters, create an API token, use it,
 * revoke it, log out.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KeycloakResource.class, scope = TestResourceScope.GLOBAL)
class BrowserLoginIT {

    private static final String TOKENS = "/api/tessera/v1/tokens";

    @TestHTTPResource("/")
    URL root;

    @Inject
    Tenants tenants;

    @Inject
    AdmissionService admission;

    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void openBrowser() {
        browser = HeadlessChromium.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(60));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            screenshot("last");
            browser.quit();
        }
    }

    /** Pictures of the journey in target/ for a person to look at (and to debug a failure). */
    private void screenshot(String name) {
        try {
            Files.write(Path.of("target", "browser-" + name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The gateway on 127.0.0.1, the host Keycloak's redirect URIs allow. */
    private String gateway(String path) {
        return "http://127.0.0.1:" + root.getPort() + path;
    }

    private void logInOnKeycloak(String user) {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        assertThat(browser.getCurrentUrl()).startsWith(KeycloakResource.issuer() + "/protocol/openid-connect/auth");
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(user + KeycloakResource.PASSWORD_SUFFIX);
        browser.findElement(By.id("kc-login")).click();
    }

    @Test
    void shouldLogInSeeMyClustersAndCreateUseAndRevokeAToken() {
        String group = tenants.group("browser", Tenants.cores(64), "alice");
        admission.create(new CreateCluster(group, "alice", "survey", new Resources(4_500, 8 * Tenants.GI, 0, 4)));

        browser.get(gateway("/"));
        logInOnKeycloak("alice");
        WebElement clusters = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("clusters")));
        assertThat(browser.getCurrentUrl()).isEqualTo(gateway("/"));
        assertThat(browser.findElement(By.id("username")).getText()).isEqualTo("alice");
        List<String> row = clusters.findElements(By.cssSelector("tr.cluster td")).stream().map(WebElement::getText).toList();
        assertThat(row).containsSubsequence("survey", group, "ACTIVE", "4.5", "8 GiB");
        screenshot("clusters");

        browser.findElement(By.id("nav-tokens")).click();
        browser.findElement(By.id("description")).sendKeys("from the browser");
        browser.findElement(By.id("create")).click();
        String token = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-token"))).getText().strip();
        screenshot("new-token");
        assertThat(token).startsWith("tsr_");

        Number id = given().header("Authorization", "Bearer " + token).get(gateway(TOKENS)).then().statusCode(200)
                .body("description", hasItem("from the browser"))
                .extract().path("find { it.description == 'from the browser' }.id");

        // Shown once: the token list page never shows it again.
        browser.get(gateway("/tokens"));
        assertThat(browser.getPageSource()).doesNotContain(token);

        browser.findElement(By.id("revoke-" + id)).click();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("tr.token[data-id='" + id + "'] td.state"), "revoked"));
        given().header("Authorization", "Bearer " + token).get(gateway(TOKENS)).then().statusCode(401)
                .body("error", equalTo("API token revoked"));

        browser.findElement(By.id("logout")).click();
        // Logged out of the gateway and of Keycloak: the gateway sends us to the login form again.
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("kc-login")));
        browser.get(gateway("/tokens"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("kc-login")));
    }

    @Test
    void shouldRefuseATokenFormWithoutItsCsrfToken() {
        browser.get(gateway("/tokens"));
        logInOnKeycloak("carol");
        WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("create-token")));
        browser.findElement(By.id("description")).sendKeys("forged");
        browser.executeScript("document.querySelector('#create-token input[type=hidden]').remove();"
                + "document.getElementById('create-token').submit();");
        wait.until(ExpectedConditions.stalenessOf(form));
        assertThat(browser.getPageSource()).doesNotContain("tsr_");
        browser.get(gateway("/tokens"));
        assertThat(browser.findElements(By.cssSelector("tr.token"))).isEmpty();
    }
}
