package org.stoxgw.sipadapter.msrp;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** Collects what sessions report, for tests. */
final class RecordingListener implements MsrpSessionListener {
    record Message(String messageId, String contentType, byte[] content, boolean successReport) {
        String text() {
            return new String(content, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    record Report(String messageId, int status) {
    }

    final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
    final BlockingQueue<Report> reports = new LinkedBlockingQueue<>();
    final BlockingQueue<String> closed = new LinkedBlockingQueue<>();

    @Override
    public void onMessage(MsrpSession s, String messageId, String contentType, byte[] content, boolean successReport) {
        messages.add(new Message(messageId, contentType, content, successReport));
    }

    @Override
    public void onReport(MsrpSession s, String messageId, int status, String comment) {
        reports.add(new Report(messageId, status));
    }

    @Override
    public void onClosed(MsrpSession s, String reason) {
        closed.add(reason);
    }
}
