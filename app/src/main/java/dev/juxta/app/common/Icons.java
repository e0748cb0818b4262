package dev.juxta.app.common;

import javafx.scene.control.ButtonBase;
import javafx.scene.control.Tooltip;
import org.kordamp.ikonli.javafx.FontIcon;

/** Ikonli icons (Material Design 2), sized by the {@code .icon} style classes of app.css. */
public final class Icons {
    public static final String SEND = "mdi2s-send";
    public static final String SEND_ALL = "mdi2s-send-circle";
    public static final String STOP = "mdi2s-stop";
    public static final String STOP_ALL = "mdi2s-stop-circle";
    public static final String CLOSE = "mdi2c-close";
    public static final String NEW_PANE = "mdi2p-plus-box";
    public static final String MODEL = "mdi2c-chip";
    public static final String SETTINGS = "mdi2t-tune";
    public static final String THEME = "mdi2t-theme-light-dark";
    public static final String BROWSE = "mdi2f-folder-open";
    public static final String DOWNLOAD = "mdi2d-download";
    public static final String CANCEL = "mdi2c-cancel";
    public static final String LOAD = "mdi2u-upload";
    public static final String CLEAR = "mdi2b-broom";
    public static final String APPLY = "mdi2c-check";
    public static final String COPY = "mdi2c-content-copy";
    public static final String EDIT = "mdi2p-pencil";
    public static final String REGENERATE = "mdi2r-refresh";
    public static final String FORK = "mdi2s-source-fork";
    public static final String SYNC_SCROLL = "mdi2s-sync";
    public static final String BLIND = "mdi2e-eye-off";
    public static final String LEADERBOARD = "mdi2t-trophy";
    public static final String HISTORY = "mdi2h-history";
    public static final String DELETE = "mdi2d-delete";

    private Icons() {
    }

    public static FontIcon icon(String code) {
        FontIcon icon = new FontIcon(code);
        icon.getStyleClass().add("icon");
        return icon;
    }

    /** Gives a button its icon, its tooltip and the same text for screen readers. */
    public static <B extends ButtonBase> B decorate(B button, String iconCode, String help) {
        button.setGraphic(icon(iconCode));
        button.setTooltip(new Tooltip(help));
        button.setAccessibleText(help);
        return button;
    }
}
