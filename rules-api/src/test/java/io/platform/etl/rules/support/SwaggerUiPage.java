package io.platform.etl.rules.support;

import java.util.Set;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * What a person does in rules-api's Swagger UI, step by step, with a screenshot after each: open it, log in
 * through the Authorize dialog on Keycloak's own login page (a popup window, as Swagger UI opens it), and execute an
 * operation with "Try it out".
 */
public final class SwaggerUiPage {

    /** The response Swagger UI shows for an executed request. */
    public record Shown(int status, String body) {
    }

    private final Browser browser;
    private final WebDriver driver;
    private final String prefix;

    public SwaggerUiPage(Browser browser, String screenshotPrefix) {
        this.browser = browser;
        this.driver = browser.driver();
        this.prefix = screenshotPrefix;
    }

    /** Opens Swagger UI with {@code operationId} of {@code tag} expanded (Swagger UI's deep link). */
    public SwaggerUiPage open(String baseUrl, String tag, String operationId) {
        driver.get(baseUrl + "/swagger-ui/index.html#/" + tag + "/" + operationId);
        browser.await().until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.authorize")));
        browser.await().until(ExpectedConditions.visibilityOfElementLocated(operationBody(tag, operationId)));
        browser.screenshot(prefix + "-1-swagger-ui");
        return this;
    }

    /** Authorize → Keycloak's login form in the popup → back in Swagger UI, logged in. */
    public SwaggerUiPage logIn(String username, String password) {
        String main = driver.getWindowHandle();
        click(browser.await().until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.authorize"))));
        WebElement dialog = browser.await().until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".modal-ux")));
        browser.screenshot(prefix + "-2-authorize-dialog");
        Set<String> before = driver.getWindowHandles();
        click(dialog.findElement(By.cssSelector("button.modal-btn.authorize")));
        browser.await().until(d -> d.getWindowHandles().size() > before.size());
        String popup = driver.getWindowHandles().stream().filter(h -> !before.contains(h)).findFirst().orElseThrow();
        driver.switchTo().window(popup);
        browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        browser.screenshot(prefix + "-3-keycloak-login");
        click(driver.findElement(By.id("kc-login")));
        // Keycloak redirects to oauth2-redirect.html, which hands the code to Swagger UI and closes the popup.
        browser.await().until(d -> !d.getWindowHandles().contains(popup));
        driver.switchTo().window(main);
        // Logged in: the oauth2 section offers "Logout"; a failed code exchange shows its error instead.
        By logout = By.cssSelector(".modal-ux button[aria-label='Remove authorization']");
        By error = By.cssSelector(".modal-ux .errors");
        browser.await().until(ExpectedConditions.or(ExpectedConditions.visibilityOfElementLocated(logout),
                ExpectedConditions.visibilityOfElementLocated(error)));
        browser.screenshot(prefix + "-4-authorized");
        if (driver.findElements(logout).isEmpty()) {
            throw new IllegalStateException("Swagger UI did not log in: " + driver.findElement(error).getText());
        }
        click(driver.findElement(By.cssSelector(".modal-ux button.close-modal")));
        browser.await().until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".modal-ux")));
        return this;
    }

    /** Try it out → replace the request body → Execute; returns the status and body Swagger UI shows. */
    public Shown execute(String tag, String operationId, String requestBody) {
        WebElement operation = driver.findElement(operationBody(tag, operationId));
        click(operation.findElement(By.cssSelector("button.try-out__btn")));
        WebElement body = browser.await().until(ExpectedConditions.elementToBeClickable(
                operation.findElement(By.cssSelector("textarea.body-param__text"))));
        body.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        body.sendKeys(requestBody);
        click(operation.findElement(By.cssSelector("button.execute")));
        WebElement shown = browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
                "#operations-" + tag + "-" + operationId + " .live-responses-table .response .response-col_status")));
        String responseBody = operation.findElements(By.cssSelector(".live-responses-table .response-col_description pre"))
                .stream().findFirst().map(WebElement::getText).orElse("");
        new org.openqa.selenium.interactions.Actions(driver).scrollToElement(shown).perform();
        browser.screenshot(prefix + "-5-response");
        return new Shown(Integer.parseInt(shown.getText().trim().split("\\s+")[0]), responseBody);
    }

    /**
     * A click as a person makes it; when another element lies over the target at that moment (the deep link scrolls
     * the page and an operation's lock icon can cover Authorize; a sticky header can cover a button), the element is
     * scrolled to the middle of the view and clicked there by script, which is what the person would see and do.
     */
    private void click(WebElement target) {
        try {
            target.click();
        } catch (ElementClickInterceptedException covered) {
            ((JavascriptExecutor) driver).executeScript(
                    "arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", target);
        }
    }

    private static By operationBody(String tag, String operationId) {
        return By.id("operations-" + tag + "-" + operationId);
    }
}
