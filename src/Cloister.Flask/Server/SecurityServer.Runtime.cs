namespace Cloister.Flask.Server;

public sealed partial class SecurityServer
{
    /// <summary>flask_op SETENFORCE. Bumps the sequence number so caches start over.</summary>
    public void SetEnforcing(bool enforcing)
    {
        lock (gate)
        {
            if (Enforcing == enforcing) return;
            Enforcing = enforcing;
            Seqno++;
        }
    }

    public int BoolCount { get { lock (gate) return bools.Length; } }

    public int FindBool(string name)
    {
        lock (gate) return policy is not null && policy.BoolByName.TryGetValue(name, out int v) ? v : 0;
    }

    /// <summary>flask_op GETBOOL: current and pending value of boolean <paramref name="value"/> (from 1).</summary>
    public int GetBool(int value, out bool current, out bool pending)
    {
        lock (gate)
        {
            current = pending = false;
            if (value < 1 || value > bools.Length) return FlaskErrno.ENOENT;
            current = bools[value - 1];
            pending = pendingBools[value - 1];
            return FlaskErrno.Ok;
        }
    }

    /// <summary>flask_op SETBOOL: sets the pending value, and applies all pending values when <paramref name="commit"/>.</summary>
    public int SetBool(int value, bool state, bool commit)
    {
        lock (gate)
        {
            if (value < 1 || value > bools.Length) return FlaskErrno.ENOENT;
            pendingBools[value - 1] = state;
            if (commit) CommitLocked();
            return FlaskErrno.Ok;
        }
    }

    /// <summary>flask_op COMMITBOOLS: pending values become current; conditional rules are re-evaluated.</summary>
    public void CommitBools()
    {
        lock (gate) CommitLocked();
    }

    void CommitLocked()
    {
        if (policy is null) return;
        bools = (bool[])pendingBools.Clone();
        tables = new AccessTables(policy, bools);
        Seqno++;
    }
}
