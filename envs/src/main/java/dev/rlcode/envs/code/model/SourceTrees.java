package dev.rlcode.envs.code.model;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import dev.rlcode.envs.code.model.mutation.Edit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/** Source-level helpers on the compiler tree API for the synthetic planner and integrator. */
final class SourceTrees {

    private SourceTrees() {
    }

    /** A call {@code Owner.method(args)} found in a source. */
    record CallSite(String owner, String method, int nameStart, int nameEnd, List<int[]> argSpans) {
    }

    private record Parsed(CompilationUnitTree unit, SourcePositions pos) {
    }

    private static Parsed parse(String source) {
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///Unit.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        JavacTask task = (JavacTask) ToolProvider.getSystemJavaCompiler()
                .getTask(null, null, d -> { }, List.of("-proc:none"), null, List.of(file));
        try {
            CompilationUnitTree unit = task.parse().iterator().next();
            return new Parsed(unit, Trees.instance(task).getSourcePositions());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@return the imports of a unit followed by the text of its top-level class {@code name}, or empty}
     *
     * @param source a compilation unit
     * @param name   a top-level class name
     */
    static Optional<String> topLevelClass(String source, String name) {
        Parsed p = parse(source);
        StringBuilder sb = new StringBuilder();
        for (ImportTree imp : p.unit().getImports()) {
            sb.append(source, (int) p.pos().getStartPosition(p.unit(), imp), (int) p.pos().getEndPosition(p.unit(), imp)).append('\n');
        }
        for (Tree t : p.unit().getTypeDecls()) {
            if (t instanceof ClassTree c && c.getSimpleName().contentEquals(name)) {
                sb.append('\n').append(source, (int) p.pos().getStartPosition(p.unit(), c), (int) p.pos().getEndPosition(p.unit(), c));
                return Optional.of(sb.append('\n').toString());
            }
        }
        return Optional.empty();
    }

    /**
     * {@return the calls {@code Owner.m(...)} with {@code Owner} in {@code owners}, made inside top-level class
     * {@code within}, in source order}
     */
    static List<CallSite> callsInto(String source, String within, Set<String> owners) {
        Parsed p = parse(source);
        List<CallSite> out = new ArrayList<>();
        for (Tree t : p.unit().getTypeDecls()) {
            if (!(t instanceof ClassTree c && c.getSimpleName().contentEquals(within))) {
                continue;
            }
            new TreeScanner<Void, Void>() {
                @Override
                public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
                    if (node.getMethodSelect() instanceof MemberSelectTree sel && sel.getExpression() instanceof IdentifierTree id
                            && owners.contains(id.getName().toString())) {
                        int selEnd = (int) p.pos().getEndPosition(p.unit(), sel);
                        String m = sel.getIdentifier().toString();
                        List<int[]> args = new ArrayList<>();
                        node.getArguments().forEach(a -> args.add(new int[] {
                                (int) p.pos().getStartPosition(p.unit(), a), (int) p.pos().getEndPosition(p.unit(), a)}));
                        out.add(new CallSite(id.getName().toString(), m, selEnd - m.length(), selEnd, args));
                    }
                    return super.visitMethodInvocation(node, unused);
                }
            }.scan(c, null);
        }
        return out;
    }

    /** {@return the edit that renames the call's method} */
    static Edit rename(CallSite call, String newName) {
        return new Edit(call.nameStart(), call.nameEnd(), newName);
    }

    /** {@return the edit that swaps the call's first two arguments} @param source the unit the call is in */
    static Edit swapFirstTwo(String source, CallSite call) {
        int[] a = call.argSpans().get(0);
        int[] b = call.argSpans().get(1);
        return new Edit(a[0], b[1], source.substring(b[0], b[1]) + source.substring(a[1], b[0]) + source.substring(a[0], a[1]));
    }
}
