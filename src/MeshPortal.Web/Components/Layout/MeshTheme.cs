using MudBlazor;

namespace MeshPortal.Web.Components.Layout;

/// <summary>One palette for the whole portal, light and dark; contrast checked by the accessibility scan.</summary>
public static class MeshTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#3949ab",
            Secondary = "#00796b",
            Tertiary = "#6d4c41",
            AppbarBackground = "#283593",
            Background = "#f6f7fb",
            DrawerBackground = "#ffffff",
            Success = "#2e7d32",
            Warning = "#b45309",
            Error = "#c62828",
            Info = "#0062a3",
            TextSecondary = "rgba(0,0,0,0.68)",
        },
        PaletteDark = new PaletteDark
        {
            // Light accents on dark surfaces: text on a filled accent (buttons, avatars, chips) is dark, not white.
            Primary = "#9fa8da",
            PrimaryContrastText = "#0d1233",
            Secondary = "#4db6ac",
            SecondaryContrastText = "#00201c",
            Tertiary = "#bcaaa4",
            TertiaryContrastText = "#231a16",
            AppbarBackground = "#1a1f3a",
            Background = "#12141c",
            Surface = "#1c1f2b",
            DrawerBackground = "#171a24",
            Success = "#81c784",
            SuccessContrastText = "#0b2a0d",
            Warning = "#ffb74d",
            WarningContrastText = "#2e1a00",
            Error = "#ef9a9a",
            ErrorContrastText = "#3b0a0a",
            Info = "#64b5f6",
            InfoContrastText = "#04223b",
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "8px" },
    };
}
