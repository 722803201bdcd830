using System.Globalization;
using System.Text;

namespace MeshPortal.DataPlane.Tests.Support;

/// <summary>Files with defects planted at known rows, so that tests know the exact outcome.</summary>
public static class Datasets
{
    public const string OrdersHeader = "order_id,customer,email,status,order_total,quantity,order_date,note";

    public static readonly string[] BadNumbers = ["abc", "12,50", "1.2.3", "ten", "$5", "N/A", "12 EUR"];

    /// <summary>
    /// <paramref name="rows"/> valid orders (order_id = row number), then, when <paramref name="defects"/> is set, exactly
    /// 7 bad numbers (rows 10–16), 3 missing customers (rows 20–22), 4 repeated order ids (rows 30–33 repeat rows 1–4),
    /// 2 statuses not allowed (rows 40–41) and 1 email not matching the pattern (row 50): 17 bad rows, one defect each.
    /// </summary>
    public static string Orders(int rows = 1000, bool defects = true, int firstId = 1)
    {
        var text = new StringBuilder(OrdersHeader).Append('\n');
        for (var row = 1; row <= rows; row++)
        {
            var id = (firstId + row - 1).ToString(CultureInfo.InvariantCulture);
            var customer = $"customer {row % 97}";
            var email = $"user{row}@example.com";
            var status = new[] { "new", "paid", "shipped" }[row % 3];
            var total = (row * 1.25m).ToString("0.00", CultureInfo.InvariantCulture);
            if (defects)
            {
                if (row is >= 10 and <= 16) total = BadNumbers[row - 10];
                if (row == 20) customer = "";
                if (row == 21) customer = "\"\"";
                if (row == 22) customer = "";
                if (row is >= 30 and <= 33) id = (row - 29).ToString(CultureInfo.InvariantCulture);
                if (row is 40 or 41) status = "shipped?";
                if (row == 50) email = "not-an-email";
            }
            if (total.Contains(',')) total = $"\"{total}\"";
            text.Append($"{id},{customer},{email},{status},{total},{row % 5 + 1},2024-01-{row % 28 + 1:00},note {row}\n");
        }
        return text.ToString();
    }
}
