package dev.rlcode.envs.code.model.mutation;

import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Derives mutants from a Java source: parses it with the JDK compiler tree API ({@code com.sun.source}), visits
 * method bodies, and turns each site an {@link Operator} applies to into a textual {@link Edit} located through
 * {@link SourcePositions}. Mutants with identical sources are kept once (the first operator wins). No type
 * checking happens here: a mutant may not compile (see {@link MutationEngine}).
 */
public final class Mutator {

    private static final Map<Tree.Kind, List<String>> RELATIONAL = Map.of(
            Tree.Kind.LESS_THAN, List.of("<=", ">"),
            Tree.Kind.LESS_THAN_EQUAL, List.of("<", ">="),
            Tree.Kind.GREATER_THAN, List.of(">=", "<"),
            Tree.Kind.GREATER_THAN_EQUAL, List.of(">", "<="),
            Tree.Kind.EQUAL_TO, List.of("!="),
            Tree.Kind.NOT_EQUAL_TO, List.of("=="));
    private static final Map<Tree.Kind, String> OPERATOR_TEXT = Map.ofEntries(
            Map.entry(Tree.Kind.LESS_THAN, "<"), Map.entry(Tree.Kind.LESS_THAN_EQUAL, "<="),
            Map.entry(Tree.Kind.GREATER_THAN, ">"), Map.entry(Tree.Kind.GREATER_THAN_EQUAL, ">="),
            Map.entry(Tree.Kind.EQUAL_TO, "=="), Map.entry(Tree.Kind.NOT_EQUAL_TO, "!="),
            Map.entry(Tree.Kind.PLUS, "+"), Map.entry(Tree.Kind.MINUS, "-"),
            Map.entry(Tree.Kind.MULTIPLY, "*"), Map.entry(Tree.Kind.DIVIDE, "/"), Map.entry(Tree.Kind.REMAINDER, "%"),
            Map.entry(Tree.Kind.PLUS_ASSIGNMENT, "+="), Map.entry(Tree.Kind.MINUS_ASSIGNMENT, "-="),
            Map.entry(Tree.Kind.MULTIPLY_ASSIGNMENT, "*="), Map.entry(Tree.Kind.DIVIDE_ASSIGNMENT, "/="));
    private static final Map<Tree.Kind, String> ARITHMETIC = Map.of(
            Tree.Kind.PLUS, "-", Tree.Kind.MINUS, "+", Tree.Kind.MULTIPLY, "/", Tree.Kind.DIVIDE, "*",
            Tree.Kind.REMAINDER, "/", Tree.Kind.PLUS_ASSIGNMENT, "-=", Tree.Kind.MINUS_ASSIGNMENT, "+=",
            Tree.Kind.MULTIPLY_ASSIGNMENT, "/=", Tree.Kind.DIVIDE_ASSIGNMENT, "*=");

    private Mutator() {
    }

    /**
     * All mutants of a source, in source order, deduplicated by mutated source.
     *
     * @param source a Java compilation unit that parses
     * @return the mutants
     * @throws IllegalArgumentException if the source does not parse
     */
    public static List<Mutant> mutants(String source) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///Reference.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        List<String> errors = new ArrayList<>();
        JavacTask task = (JavacTask) javac.getTask(null, null, d -> {
            if (d.getKind() == javax.tools.Diagnostic.Kind.ERROR) {
                errors.add(d.getMessage(null));
            }
        }, List.of("-proc:none"), null, List.of(file));
        CompilationUnitTree unit;
        try {
            unit = task.parse().iterator().next();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("reference source: expected to parse, actual " + errors.getFirst());
        }
        Scanner scanner = new Scanner(source, unit, Trees.instance(task).getSourcePositions());
        scanner.scan(unit, null);
        Set<String> seen = new LinkedHashSet<>();
        seen.add(source);
        List<Mutant> out = new ArrayList<>();
        for (Candidate c : scanner.candidates) {
            String mutated = Edit.applyAll(source, List.of(c.edit));
            if (seen.add(mutated)) {
                int line = (int) unit.getLineMap().getLineNumber(c.edit.start());
                String before = source.substring(c.edit.start(), c.edit.end()).strip().replaceAll("\\s+", " ");
                String shown = before.length() > 60 ? before.substring(0, 57) + "..." : before;
                String after = c.edit.replacement().strip().replaceAll("\\s+", " ");
                String afterShown = after.length() > 60 ? after.substring(0, 57) + "..." : after;
                out.add(new Mutant(c.operator, c.edit, line,
                        "line " + line + ": '" + shown + "' -> '" + afterShown + "'", mutated));
            }
        }
        return List.copyOf(out);
    }

    private record Candidate(Operator operator, Edit edit) {
    }

    private static final class Scanner extends TreeScanner<Void, Void> {
        final String src;
        final CompilationUnitTree unit;
        final SourcePositions pos;
        final List<Candidate> candidates = new ArrayList<>();
        int methodDepth;

        Scanner(String src, CompilationUnitTree unit, SourcePositions pos) {
            this.src = src;
            this.unit = unit;
            this.pos = pos;
        }

        int start(Tree t) {
            return (int) pos.getStartPosition(unit, t);
        }

        int end(Tree t) {
            return (int) pos.getEndPosition(unit, t);
        }

        String text(Tree t) {
            return src.substring(start(t), end(t));
        }

        boolean valid(Tree t) {
            return start(t) >= 0 && end(t) > start(t);
        }

        void add(Operator op, int start, int end, String replacement) {
            if (methodDepth > 0 && start >= 0 && end >= start) {
                candidates.add(new Candidate(op, new Edit(start, end, replacement)));
            }
        }

        /** Finds {@code op} in the gap between two trees (skipping nothing fancier than whitespace and parens). */
        int operatorAt(int from, int to, String op) {
            int i = src.indexOf(op, from);
            return i >= 0 && i + op.length() <= to ? i : -1;
        }

        @Override
        public Void visitMethod(MethodTree node, Void unused) {
            methodDepth++;
            try {
                return super.visitMethod(node, unused);
            } finally {
                methodDepth--;
            }
        }

        @Override
        public Void visitBinary(BinaryTree node, Void unused) {
            String op = OPERATOR_TEXT.get(node.getKind());
            if (op != null && valid(node.getLeftOperand()) && valid(node.getRightOperand())) {
                int at = operatorAt(end(node.getLeftOperand()), start(node.getRightOperand()), op);
                if (at >= 0) {
                    for (String r : RELATIONAL.getOrDefault(node.getKind(), List.of())) {
                        add(Operator.RELATIONAL_SWAP, at, at + op.length(), r);
                    }
                    String a = ARITHMETIC.get(node.getKind());
                    if (a != null) {
                        add(Operator.ARITHMETIC_SWAP, at, at + op.length(), a);
                    }
                }
            }
            return super.visitBinary(node, unused);
        }

        @Override
        public Void visitCompoundAssignment(CompoundAssignmentTree node, Void unused) {
            String op = OPERATOR_TEXT.get(node.getKind());
            if (op != null && valid(node.getVariable()) && valid(node.getExpression())) {
                int at = operatorAt(end(node.getVariable()), start(node.getExpression()), op);
                if (at >= 0) {
                    add(Operator.ARITHMETIC_SWAP, at, at + op.length(), ARITHMETIC.get(node.getKind()));
                }
            }
            return super.visitCompoundAssignment(node, unused);
        }

        @Override
        public Void visitUnary(UnaryTree node, Void unused) {
            String from = switch (node.getKind()) {
                case POSTFIX_INCREMENT, PREFIX_INCREMENT -> "++";
                case POSTFIX_DECREMENT, PREFIX_DECREMENT -> "--";
                default -> null;
            };
            if (from != null && valid(node)) {
                int at = operatorAt(start(node), end(node), from);
                if (at >= 0) {
                    add(Operator.ARITHMETIC_SWAP, at, at + 2, from.equals("++") ? "--" : "++");
                }
            }
            return super.visitUnary(node, unused);
        }

        @Override
        public Void visitLiteral(LiteralTree node, Void unused) {
            if (node.getKind() == Tree.Kind.INT_LITERAL && valid(node) && node.getValue() instanceof Integer v
                    && text(node).chars().allMatch(Character::isDigit)) {
                add(Operator.OFF_BY_ONE, start(node), end(node), Integer.toString(v + 1));
                if (v > 0) {
                    add(Operator.OFF_BY_ONE, start(node), end(node), Integer.toString(v - 1));
                }
            }
            return super.visitLiteral(node, unused);
        }

        @Override
        public Void visitForLoop(ForLoopTree node, Void unused) {
            if (node.getCondition() != null) {
                ExpressionTree cond = strip(node.getCondition());
                if (cond instanceof BinaryTree b && RELATIONAL.containsKey(b.getKind()) && valid(b.getRightOperand())
                        && !(b.getRightOperand() instanceof LiteralTree)) {
                    String bound = text(b.getRightOperand());
                    add(Operator.OFF_BY_ONE, start(b.getRightOperand()), end(b.getRightOperand()), "(" + bound + ") - 1");
                    add(Operator.OFF_BY_ONE, start(b.getRightOperand()), end(b.getRightOperand()), "(" + bound + ") + 1");
                }
                negate(node.getCondition());
            }
            return super.visitForLoop(node, unused);
        }

        @Override
        public Void visitIf(IfTree node, Void unused) {
            negate(node.getCondition());
            return super.visitIf(node, unused);
        }

        @Override
        public Void visitWhileLoop(WhileLoopTree node, Void unused) {
            negate(node.getCondition());
            return super.visitWhileLoop(node, unused);
        }

        @Override
        public Void visitDoWhileLoop(DoWhileLoopTree node, Void unused) {
            negate(node.getCondition());
            return super.visitDoWhileLoop(node, unused);
        }

        @Override
        public Void visitConditionalExpression(ConditionalExpressionTree node, Void unused) {
            negate(node.getCondition());
            return super.visitConditionalExpression(node, unused);
        }

        void negate(ExpressionTree cond) {
            ExpressionTree inner = strip(cond);
            if (valid(inner)) {
                add(Operator.NEGATE_CONDITION, start(inner), end(inner), "!(" + text(inner) + ")");
            }
        }

        static ExpressionTree strip(ExpressionTree e) {
            while (e instanceof ParenthesizedTree p) {
                e = p.getExpression();
            }
            return e;
        }

        @Override
        public Void visitBlock(BlockTree node, Void unused) {
            for (StatementTree s : node.getStatements()) {
                boolean droppable = s instanceof ExpressionStatementTree || s instanceof BreakTree
                        || s instanceof ContinueTree || s instanceof IfTree i && i.getElseStatement() == null;
                if (droppable && valid(s)) {
                    add(Operator.DROP_STATEMENT, start(s), end(s), "");
                }
            }
            return super.visitBlock(node, unused);
        }

        @Override
        public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
            swapArguments(node.getArguments());
            return super.visitMethodInvocation(node, unused);
        }

        @Override
        public Void visitNewClass(NewClassTree node, Void unused) {
            swapArguments(node.getArguments());
            return super.visitNewClass(node, unused);
        }

        void swapArguments(List<? extends ExpressionTree> args) {
            for (int i = 0; i + 1 < args.size(); i++) {
                ExpressionTree a = args.get(i);
                ExpressionTree b = args.get(i + 1);
                if (valid(a) && valid(b) && !text(a).equals(text(b))) {
                    String gap = src.substring(end(a), start(b));
                    add(Operator.SWAP_ARGUMENTS, start(a), end(b), text(b) + gap + text(a));
                }
            }
        }

        @Override
        public Void visitReturn(ReturnTree node, Void unused) {
            ExpressionTree e = node.getExpression();
            if (e != null && valid(e)) {
                String t = text(e).strip();
                switch (e.getKind()) {
                    case BOOLEAN_LITERAL -> add(Operator.EDGE_RETURN, start(e), end(e), t.equals("true") ? "false" : "true");
                    case INT_LITERAL, LONG_LITERAL, DOUBLE_LITERAL -> {
                        String suffix = e.getKind() == Tree.Kind.LONG_LITERAL ? "L" : e.getKind() == Tree.Kind.DOUBLE_LITERAL ? ".0" : "";
                        add(Operator.EDGE_RETURN, start(e), end(e), (t.matches("0+[.]?0*[Ll]?") ? "1" : "0") + suffix);
                    }
                    case STRING_LITERAL -> add(Operator.EDGE_RETURN, start(e), end(e), t.equals("\"\"") ? "\" \"" : "\"\"");
                    case UNARY_MINUS -> add(Operator.EDGE_RETURN, start(e), end(e), "0");
                    default -> {
                    }
                }
            }
            return super.visitReturn(node, unused);
        }
    }
}
