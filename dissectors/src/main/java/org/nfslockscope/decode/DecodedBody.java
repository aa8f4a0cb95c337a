package org.nfslockscope.decode;

/**
 * The decoded arguments or results of one RPC message. Implementations are records of the
 * program's own types (an NFSv4 COMPOUND, an NLM lock request); this interface is only what
 * every one of them offers to reports.
 */
public interface DecodedBody {

    /** Writes the decoded fields, in the shape documented for dump --format jsonl. */
    void describe(FieldWriter out);

    /**
     * Null when the body decoded completely; otherwise why decoding stopped early (truncated
     * message, unknown opcode, a length past the end). What came before the damage is kept.
     */
    String damage();
}
