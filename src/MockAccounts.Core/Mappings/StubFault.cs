namespace MockAccounts.Core.Mappings;

/// <summary>WireMock's <c>fault</c>: the connection misbehaves instead of answering.</summary>
public enum StubFault
{
    /// <summary><c>CONNECTION_RESET_BY_PEER</c>: the connection is reset.</summary>
    ConnectionResetByPeer,

    /// <summary><c>EMPTY_RESPONSE</c>: closed without a byte.</summary>
    EmptyResponse,

    /// <summary><c>MALFORMED_RESPONSE_CHUNK</c>: a 200 status, then a broken chunk, then closed.</summary>
    MalformedResponseChunk,

    /// <summary><c>RANDOM_DATA_THEN_CLOSE</c>: garbage instead of a status line, then closed.</summary>
    RandomDataThenClose,
}
