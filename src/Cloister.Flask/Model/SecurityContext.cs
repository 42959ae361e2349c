namespace Cloister.Flask.Model;

/// <summary>A security context by value numbers (user, role, type from 1) and MLS range.</summary>
public readonly record struct SecurityContext(int User, int Role, int Type, MlsRange Range);
