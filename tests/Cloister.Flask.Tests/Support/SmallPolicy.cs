namespace Cloister.Flask.Tests.Support;

/// <summary>A hand-written policy over the project's classes: the given rules, one user, one role.</summary>
internal static class SmallPolicy
{
    /// <summary>Compiles <paramref name="rules"/> with types a_t, b_t, c_t (all in system_r) and every initial SID on a_t.</summary>
    public static byte[] Compile(string rules)
    {
        string flask = Path.Combine(TestPaths.PolicyDir, "flask");
        string conf = string.Concat(new[] { "security_classes", "initial_sids", "access_vectors" }
                .Select(f => File.ReadAllText(Path.Combine(flask, f)))) +
            "type a_t;\ntype b_t;\ntype c_t;\nrole system_r;\nrole system_r types { a_t b_t c_t };\n" +
            rules + "\nuser system_u roles system_r;\n" +
            string.Concat(XenVocabulary.InitialSids.Select(sid => $"sid {sid} system_u:system_r:a_t\n"));
        return Tools.CheckPolicy(conf);
    }
}
