namespace MockAccounts.Verification.Diff;

/// <summary>The kinds of change between two versions of a contract.</summary>
public enum ChangeKind
{
    /// <summary>A vendor only the new side has.</summary>
    VendorAdded,

    /// <summary>A vendor only the old side has.</summary>
    VendorRemoved,

    /// <summary>An operation only the new contract documents.</summary>
    OperationAdded,

    /// <summary>An operation the new contract no longer documents.</summary>
    OperationRemoved,

    /// <summary>A response status only the new contract documents.</summary>
    StatusAdded,

    /// <summary>A response status the new contract no longer documents.</summary>
    StatusRemoved,

    /// <summary>A media type a response or request body gained.</summary>
    MediaTypeAdded,

    /// <summary>A media type a response or request body lost.</summary>
    MediaTypeRemoved,

    /// <summary>A body lost its wrapper object: the body is what was inside it.</summary>
    EnvelopeRemoved,

    /// <summary>A body gained a wrapper object around what it was.</summary>
    EnvelopeAdded,

    /// <summary>A property only the new schema has.</summary>
    PropertyAdded,

    /// <summary>A property the new schema no longer has.</summary>
    PropertyRemoved,

    /// <summary>A property no longer required.</summary>
    MadeOptional,

    /// <summary>A property now required.</summary>
    MadeRequired,

    /// <summary>A value that may now be null.</summary>
    MadeNullable,

    /// <summary>A value that may no longer be null.</summary>
    MadeNonNullable,

    /// <summary>A value of other types.</summary>
    TypeChanged,

    /// <summary>An enum value added (or a value's enum dropped: any value now).</summary>
    EnumValueAdded,

    /// <summary>An enum value removed (or an enum introduced).</summary>
    EnumValueRemoved,

    /// <summary>A <c>format</c> added, removed or changed.</summary>
    FormatChanged,

    /// <summary>A <c>pattern</c> added, removed or changed.</summary>
    PatternChanged,

    /// <summary>A bound (<c>minimum</c>, <c>maxLength</c>, …) moved, added or removed.</summary>
    BoundChanged,

    /// <summary>A declared response header added.</summary>
    HeaderAdded,

    /// <summary>A declared response header removed.</summary>
    HeaderRemoved,

    /// <summary>A response header no longer required.</summary>
    HeaderMadeOptional,

    /// <summary>A response header now required.</summary>
    HeaderMadeRequired,

    /// <summary>A parameter added.</summary>
    ParameterAdded,

    /// <summary>A parameter removed.</summary>
    ParameterRemoved,

    /// <summary>A parameter made required or optional.</summary>
    ParameterChanged,

    /// <summary>How the credential is sent, or what shape it must have, changed.</summary>
    AuthChanged,
}
