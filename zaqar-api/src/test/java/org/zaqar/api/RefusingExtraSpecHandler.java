package org.zaqar.api;

/** A test EXTRA-SPEC handler, registered in META-INF/services: refuses "refuse:no", allows the rest. */
public final class RefusingExtraSpecHandler implements ExtraSpecHandler {
    @Override
    public String name() {
        return "refuse";
    }

    @Override
    public void execute(String extraSpec) {
        if (extraSpec.equals("refuse:no")) {
            throw new IllegalArgumentException("refused by the test handler");
        }
    }
}
