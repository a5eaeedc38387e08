package org.stoxgw.sipadapter.stack;

import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.MessageParserFactory;
import gov.nist.javax.sip.stack.SIPTransactionStack;

/** Gives JAIN-SIP the {@link TolerantParser} ({@code gov.nist.javax.sip.MESSAGE_PARSER_FACTORY}). */
public final class TolerantParserFactory implements MessageParserFactory {
    private static final TolerantParser PARSER = new TolerantParser();

    @Override
    public MessageParser createMessageParser(SIPTransactionStack stack) {
        return PARSER;
    }
}
