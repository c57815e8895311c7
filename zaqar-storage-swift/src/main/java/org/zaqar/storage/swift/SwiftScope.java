package org.zaqar.storage.swift;

/**
 * One incarnation of a queue in Swift: its containers. A queue created again after a deletion gets
 * a new incarnation and so new containers, so that a post that passed its queue check just before
 * the deletion writes where the new queue never looks (Swift's expirer removes such strays by
 * their {@code X-Delete-After}). A queue without a recorded incarnation uses upstream's container
 * names.
 *
 * @param incarnation empty for upstream's names, else the id recorded in {@code zaqar_queues:PROJECT}
 */
record SwiftScope(String project, String queue, String incarnation) {

    String messages() {
        return SwiftNames.MESSAGES + suffix();
    }

    String claims() {
        return SwiftNames.CLAIMS + suffix();
    }

    private String suffix() {
        return queue + ":" + project + (incarnation.isEmpty() ? "" : ":" + incarnation);
    }
}
