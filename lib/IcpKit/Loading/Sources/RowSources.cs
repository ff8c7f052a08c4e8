namespace IcpKit.Loading;

/// <summary>Picks the source of a contract table from its mapping: a SQL query over the folder, else the file.</summary>
internal static class RowSources
{
    /// <summary>Opens a table's rows; null when its file is absent (the caller reports it).</summary>
    public static IRowSource? Open(string folder, ExportFile file, ProjectConfig config)
    {
        var mapping = config.File(file);
        if (mapping.Sql is { } sql)
        {
            return DuckDbRowSource.Open(folder, Contract.Key(file), sql, config.Parsing);
        }
        var path = Path.Combine(folder, mapping.FileName);
        return File.Exists(path) ? new CsvRowSource(path, mapping.FileName, Sniffer.Sniff(path, config.Encoding)) : null;
    }
}
